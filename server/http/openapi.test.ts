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

  it('documents 429 with the error body and Retry-After on every /v1 route that can answer it', async () => {
    // Every limiter refuses: whatever a route answers 429 to, live, must be in the document as such.
    const refuse = async () => {
      throw new BatonError('rate_limited', undefined, undefined, { retryAfterSeconds: 7 });
    };
    const limits: RateLimits = { failedAuth: refuse, keyRequest: refuse, onboardingStart: refuse };
    const limited = createApp({ db: unused as Database, log: pino({ level: 'silent' }), limits, trustProxyHops: 0 }).app;
    const document = (await (await limited.request('/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
    const answered: Array<{ route: string; retryAfter: string | null }> = [];
    for (const route of v1Routes(limited)) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await limited.request(path.replace(/\{\w+\}/g, 'x'), { method });
      if (res.status === 429) answered.push({ route, retryAfter: res.headers.get('retry-after') });
    }
    expect(answered.length).toBeGreaterThan(10);
    const undocumented = answered.filter(({ route, retryAfter }) => {
      const [method, path] = route.split(' ') as [string, string];
      const documented = document.paths[path]?.[method.toLowerCase()]?.responses?.['429'];
      return documented?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error' || (retryAfter !== null && !documented.headers?.['Retry-After']);
    });
    expect(undocumented.map((u) => u.route).sort(), 'routes that answer 429 without documenting it (error body, Retry-After)').toEqual([]);
  });
});
