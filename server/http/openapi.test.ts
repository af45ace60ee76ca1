// First on purpose: the rule schemas (plain zod) load before @hono/zod-openapi, as in suites that import the rules
// first; documenting them must not depend on the order modules happen to load in.
import '../rules/schema.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { createApp } from './app.js';
import type { RateLimits } from './rate-limits.js';

/** No request in this test reaches the database or a limiter: building the router and the document needs neither. */
const unused = new Proxy({}, { get: () => () => { throw new Error('not used while building the router'); } });

/** The router's /v1 routes (not middleware), once each, as `METHOD /v1/path/{param}` like the document names them. */
const v1Routes = (app: ReturnType<typeof createApp>['app']) =>
  new Set(
    app.routes
      .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
  );

describe('the OpenAPI document', () => {
  const { app } = createApp({ db: unused as Database, log: pino({ level: 'silent' }), limits: unused as RateLimits, trustProxyHops: 0 });

  it('documents every /v1 route the router answers, and nothing it does not', async () => {
    const routed = v1Routes(app);
    const document = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)),
    );
    expect(routed.size).toBeGreaterThan(10);
    expect([...routed].filter((r) => !documented.has(r)).sort(), 'routes missing from /openapi.json').toEqual([]);
    expect([...documented].filter((d) => !routed.has(d)).sort(), 'documented routes the router does not have').toEqual([]);
  });

  it('describes the rule administration bodies with the schemas the handlers parse', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as any;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/rules', '/v1/rules/{ruleId}', '/v1/rules/reorder', '/v1/rules/test', '/v1/rules/fields']));
    expect(document.components.schemas.RuleInput.properties.conditions).toBeDefined();
    expect(document.components.schemas.RuleInput.properties.action).toBeDefined();
    expect(document.paths['/v1/rules/{ruleId}'].put.parameters[0]).toMatchObject({ name: 'ruleId', in: 'path' });
    const docs = await (await app.request('/docs')).text();
    expect(docs).toContain('/v1/rules/reorder');
  });

  // A route that answers these, live, must document them with the error body and Retry-After.
  const refuse = async () => {
    throw new BatonError('rate_limited', undefined, undefined, { retryAfterSeconds: 7 });
  };
  const unreachable = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
  const retryLater = [
    // Every limiter refuses (the missing key is a failed authentication).
    { status: 429, db: unused as Database, limits: { failedAuth: refuse, keyRequest: refuse, onboardingStart: refuse } as RateLimits, headers: {} as Record<string, string> },
    // The database is out of reach: looking up a well-formed key is the first statement of every route.
    {
      status: 503,
      db: { kind: 'postgres', query: unreachable, transaction: unreachable, close: async () => {} } as Database,
      limits: unused as RateLimits,
      headers: { authorization: `Bearer bk_${'0'.repeat(16)}_${'a'.repeat(43)}` },
    },
  ];
  it.each(retryLater)('documents $status with the error body and Retry-After on every /v1 route that can answer it', async ({ status, db, limits, headers }) => {
    const refusing = createApp({ db, log: pino({ level: 'silent' }), limits, trustProxyHops: 0 }).app;
    const document = (await (await refusing.request('/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
    const answered: Array<{ route: string; retryAfter: string | null }> = [];
    for (const route of v1Routes(refusing)) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await refusing.request(path.replace(/\{\w+\}/g, 'x'), { method, headers });
      if (res.status === status) answered.push({ route, retryAfter: res.headers.get('retry-after') });
    }
    expect(answered.length).toBeGreaterThan(10);
    const undocumented = answered.filter(({ route, retryAfter }) => {
      const [method, path] = route.split(' ') as [string, string];
      const documented = document.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
      return documented?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error' || (retryAfter !== null && !documented.headers?.['Retry-After']);
    });
    expect(undocumented.map((u) => u.route).sort(), `routes that answer ${status} without documenting it (error body, Retry-After)`).toEqual([]);
  });
});
