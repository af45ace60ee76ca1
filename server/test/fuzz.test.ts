import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../core/secrets.js';
import { signZendeskWebhook } from '../core/zendesk-signature.js';
import { rotateAppSecret, storeZendeskWebhookSecret } from '../relay/admin.js';
import { setZendeskWebhookTokenHash } from '../store/tenants.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { createCapturedLog } from './log-capture.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

/**
 * Anything a client can send gets a 2xx or a 4xx with a stable error code: never a 5xx, never a crash.
 * Bodies are random JSON, mutated valid requests and raw bytes; headers are random too. Strings carry what
 * PostgreSQL or JSON cannot hold (NUL, unpaired surrogates), odd unicode, huge numbers and deep nesting,
 * on every route group (/v1, /app/v1, /zendesk/webhooks), with and without credentials; nothing may be
 * logged at error level either.
 */
describe('hostile input (PGlite)', () => {
  let t: TestRelay;
  let sessionId = '';
  let appSecret = '';
  const captured = createCapturedLog();
  // One helpdesk for the suite: the tickets it makes must still be there when later notes and lines are written to them.
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay('pglite', {
      helpdeskFor: async () => desk.helpdesk,
      env: { ZENDESK_CLIENT_ID: 'c', ZENDESK_CLIENT_SECRET: 's' },
      overrides: { log: captured.log },
    });
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'fuzz-secret');
    await setZendeskWebhookTokenHash(t.relay.db, t.tenantId, hashSecret('fuzz-token'));
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
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
    ['POST', `/app/v1/sessions/${sessionId}/take-over`],
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
    ['GET', '/app/v1/agents'],
    ['POST', `/app/v1/agents/${t.agentId}/rules`],
    ['POST', `/app/v1/agents/${t.agentId}/rules/test`],
    ['PUT', `/app/v1/agents/${t.agentId}/rules/default-vip`],
    ['POST', `/app/v1/agents/${t.agentId}/rules/reorder`],
    ['DELETE', `/app/v1/agents/${t.agentId}/rules/%00`],
    ['POST', '/app/v1/ai-agents'],
    ['POST', `/app/v1/ai-agents/${t.agentId}/handoff`],
    ['POST', `/app/v1/ai-agents/${t.agentId}/callback-url`],
    ['POST', `/app/v1/ai-agents/${t.agentId}/waiting-settings`],
    ['POST', '/v1/rules'],
    ['POST', '/v1/rules/test'],
    ['POST', '/v1/sessions/%00/messages'],
    ['GET', '/v1/sessions/%00'],
    ['GET', '/v1/sessions?conversationId=%00'],
    ['POST', '/zendesk/webhooks/%00'],
    ['POST', `/zendesk/webhooks/${t.tenantId}%00`],
    ['GET', `/v1/sessions/HOSTILE`],
    ['GET', '/v1/sessions/%ED%A0%80'],
    ['POST', `/app/v1/sessions/HOSTILE/return-to-ai`],
  ] as const;

  /** What a database or JSON cannot hold, and valid oddities that must survive: placed anywhere in a body. */
  const hostileString = fc.oneof(
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udc00', 'x\udbff', '\ud83d\ude00', '\ufeff', '\u202e\u200b', '\uffff\ufffe', 'e\u0301', '\u0001\u001f', '𝕏'),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const hostileNumber = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '0.000000000000000000000000001e-400', '-0', '9007199254740993');
  const deepJson = fc.integer({ min: 20, max: 20_000 }).chain((depth) =>
    fc.constantFrom('['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  );
  /** A valid handoff whose one field (or one nested string) is replaced by a hostile value, as raw JSON text. */
  const hostileHandoff = fc
    .record({ key: fc.constantFrom(...Object.keys(handoffBody())), value: fc.oneof(hostileString.map((v) => JSON.stringify(v)), hostileNumber, deepJson) })
    .map(({ key, value }) => JSON.stringify({ ...handoffBody(), [key]: 0 }).replace(`"${key}":0`, `"${key}":${value}`));
  const hostileNested = hostileString.map((v) =>
    JSON.stringify(handoffBody({ endUser: { id: 'u', name: v }, metadata: { [v]: v }, transcript: [{ id: 'm', role: 'user', text: v, createdAt: '2026-11-24T10:00:00Z' }] })),
  );
  const hostileFlat = fc
    .record({ text: hostileString, note: hostileString, name: hostileString, ticket_id: fc.oneof(fc.constant(1), hostileNumber.map(Number)) })
    .map((o) => JSON.stringify({ id: 'm', role: 'user', createdAt: '2026-11-24T10:00:00Z', reason: o.text, conditions: { all: [] }, action: { type: 'handoff', reasonCode: 'other' }, ...o }));
  /** The same as raw text: JSON.stringify never writes a lone surrogate as `\ud800`, clients may. */
  const escapedSurrogate = fc.constantFrom('{"text":"\\ud800","note":"\\udfff","name":"\\u0000","ticket_id":1,"id":"m","role":"user","createdAt":"2026-11-24T10:00:00Z"}');

  const valid = handoffBody();
  const mutatedHandoff = fc
    .record({
      key: fc.constantFrom(...Object.keys(valid)),
      value: fc.oneof(fc.jsonValue(), fc.string(), fc.constant(null), fc.array(fc.anything())),
    })
    .map(({ key, value }) => ({ ...valid, [key]: value }));
  const body = fc.oneof(
    hostileHandoff,
    hostileNested,
    hostileFlat,
    escapedSurrogate,
    deepJson,
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
      authorization: fc.oneof(
        fc.constantFrom('USE_KEY', 'USE_APP_TOKEN', 'USE_NUL_TENANT_TOKEN', 'USE_ZENDESK_TOKEN'),
        fc.string(),
        fc.constant('Bearer bk_0000000000000000_' + 'a'.repeat(43)),
      ),
      accept: fc.string(),
    },
    { requiredKeys: [] },
  );

  /** Percent-encodes the UTF-8 bytes (encodeURIComponent throws on a lone surrogate; a client may still send one). */
  const enc = (text: string) => [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  const appToken = (tenant: string) =>
    new SignJWT({ tenant }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setAudience(t.url).setExpirationTime('5m').sign(new TextEncoder().encode(appSecret));
  const credential = async (value: string) =>
    value === 'USE_KEY' ? `Bearer ${t.apiKey}`
    : value === 'USE_APP_TOKEN' ? `Bearer ${await appToken(t.tenantId)}`
    : value === 'USE_NUL_TENANT_TOKEN' ? `Bearer ${await appToken('ten_\u0000')}`
    : value === 'USE_ZENDESK_TOKEN' ? 'Bearer fuzz-token'
    : value;

  it('never answers 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(routes().length - 1), body, headers, fc.boolean(), fc.boolean(), hostileString, async (routeIndex, raw, h, withQuery, signed, segment) => {
        const [method, template] = routes()[routeIndex]!;
        const path = template.replace('HOSTILE', enc(segment));
        const sanitized: Record<string, string> = {};
        for (const [k, v] of Object.entries(h)) if (/^[\t\x20-\x7e]*$/.test(v)) sanitized[k] = await credential(v);
        if (signed && path.startsWith('/zendesk/webhooks/')) {
          // Past the signature, so the body itself reaches parsing and storage.
          const timestamp = new Date().toISOString();
          sanitized['x-zendesk-webhook-signature-timestamp'] = timestamp;
          sanitized['x-zendesk-webhook-signature'] = signZendeskWebhook('fuzz-secret', timestamp, raw);
          sanitized.authorization = 'Bearer fuzz-token';
        }
        const sep = path.includes('?') ? '&' : '?';
        const url = `${t.url}${path}${withQuery ? sep + 'limit=abc&conversationId=' + enc(raw.slice(0, 20)) + '&state=nope&agentId=' + enc(segment) + '&bucket=' + enc(raw.slice(0, 8)) + '&from=' + enc(raw.slice(3, 40)) : ''}`;
        const res = await fetch(url, { method, headers: sanitized, ...(method === 'POST' ? { body: raw } : {}) });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 800 },
    );
    expect(captured.errors()).toEqual([]);
    // The run must have reached past authentication and validation, or it proves little.
    expect([...statuses.keys()].some((s) => s === 422)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 401)).toBe(true);
  });
});
