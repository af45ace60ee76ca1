import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeZendeskWebhookSecret } from '../relay/admin.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

/**
 * Anything a client can send gets a 2xx or a 4xx with a stable error code: never a 5xx, never a crash.
 * Bodies are random JSON, mutated valid requests and raw bytes; headers are random too.
 */
describe('hostile input (PGlite)', () => {
  let t: TestRelay;
  let sessionId = '';
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: async () => createRecordingHelpdesk().helpdesk, env: { ZENDESK_CLIENT_ID: 'c', ZENDESK_CLIENT_SECRET: 's' } });
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'fuzz-secret');
    sessionId = (await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': 'seed' })).body.session.id;
  });
  afterAll(() => t?.stop());

  const routes = () => [
    ['POST', '/v1/handoffs'],
    ['POST', `/v1/sessions/${sessionId}/messages`],
    ['POST', `/v1/sessions/${sessionId}/end`],
    ['GET', `/v1/sessions/${sessionId}`],
    ['GET', '/v1/sessions'],
    ['POST', '/v1/sessions/nope/messages'],
    ['POST', `/zendesk/webhooks/${t.tenantId}`],
    ['GET', '/app/v1/tickets/123/session'],
    ['POST', `/app/v1/sessions/${sessionId}/return-to-ai`],
    ['POST', `/app/v1/sessions/${sessionId}/stream-token`],
    ['GET', `/app/v1/sessions/${sessionId}/events?token=x.y`],
    ['GET', '/zendesk/oauth/callback?state=nope&code=x'],
    ['GET', '/zendesk/oauth/start?link=abc.def'],
    ['GET', '/v1/insights'],
    ['GET', '/v1/insights/gaps?format=csv'],
    ['GET', '/v1/insights/nope'],
    ['GET', '/v1/insights?from=2026-02-30&to=2026-03-01'],
    ['GET', '/v1/insights?from=2026-10-01T00:00:00%2B14:00&to=9999-12-31'],
    ['GET', '/app/v1/insights?agentId=x'],
  ] as const;

  const valid = handoffBody();
  const mutatedHandoff = fc
    .record({
      key: fc.constantFrom(...Object.keys(valid)),
      value: fc.oneof(fc.jsonValue(), fc.string(), fc.constant(null), fc.array(fc.anything())),
    })
    .map(({ key, value }) => ({ ...valid, [key]: value }));
  const body = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    mutatedHandoff.map((v) => JSON.stringify(v)),
    fc.string(),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.constant(JSON.stringify({ id: 'x', role: 'user', text: 'hi', createdAt: 'yesterday' })),
  );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', 'application/x-json-weird', ''),
      'idempotency-key': fc.oneof(fc.string({ maxLength: 300 }), fc.constant('k'.repeat(400))),
      authorization: fc.oneof(fc.constant('USE_KEY'), fc.string(), fc.constant('Bearer bk_0000000000000000_' + 'a'.repeat(43))),
      accept: fc.string(),
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(routes().length - 1), body, headers, fc.boolean(), async (routeIndex, raw, h, withQuery) => {
        const [method, path] = routes()[routeIndex]!;
        const sanitized = Object.fromEntries(
          Object.entries(h)
            .filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v))
            .map(([k, v]) => [k, v === 'USE_KEY' ? `Bearer ${t.apiKey}` : v]),
        );
        const url = `${t.url}${path}${withQuery ? '?limit=abc&conversationId=' + encodeURIComponent(raw.slice(0, 20)) + '&state=nope&bucket=' + encodeURIComponent(raw.slice(0, 8)) + '&from=' + encodeURIComponent(raw.slice(3, 40)) : ''}`;
        const res = await fetch(url, { method, headers: sanitized, ...(method === 'POST' ? { body: raw } : {}) });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 600 },
    );
    // The run must have reached past authentication and validation, or it proves little.
    expect([...statuses.keys()].some((s) => s === 422)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 401)).toBe(true);
  });
});
