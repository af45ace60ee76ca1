import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rotateAppSecret, storeZendeskWebhookSecret } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { createCapturedLog } from './log-capture.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('hostile input');

/**
 * What PostgreSQL text/jsonb or JSON cannot hold (NUL, unpaired surrogates, absurd nesting) is refused at
 * the boundary with a 422 naming the field — never a 500 from inside a query, never an error-level log line.
 */
describe.each(BACKENDS)('values the database cannot hold (%s)', (backend) => {
  let t: TestRelay;
  let sessionId = '';
  let appSecret = '';
  const captured = createCapturedLog();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => createRecordingHelpdesk().helpdesk, overrides: { log: captured.log } });
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'hostile-secret');
    sessionId = (await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() })).body.session.id;
  });
  afterAll(() => t?.stop());
  afterEach(() => expect(captured.errors()).toEqual([]));

  const appToken = (tenant: string, secret = appSecret) =>
    new SignJWT({ tenant }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setAudience(t.url).setExpirationTime('60s').sign(new TextEncoder().encode(secret));
  const raw = async (method: string, path: string, body: string | undefined, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as { error: { code: string; message: string; details?: { issues: { path: string }[] } } } };
  };
  const expectRefused = (res: { status: number; body: { error: { code: string; details?: { issues: { path: string }[] } } } }, path: string, code = 'invalid_characters') => {
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details?.issues[0]?.path).toBe(path);
  };

  it('refuses NUL in every stored string of a handoff, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ summary: 'a\u0000b' }, 'summary'],
      [{ conversationId: 'conv\u0000' }, 'conversationId'],
      [{ endUser: { id: 'u1', name: 'Jane\u0000' } }, 'endUser.name'],
      [{ transcript: [{ id: 'm1', role: 'user', text: 'hi\u0000', createdAt: '2026-11-24T10:00:00Z' }] }, 'transcript.0.text'],
      [{ reason: { code: 'customer_request', text: '\u0000' } }, 'reason.text'],
      [{ metadata: { 'plan\u0000': 'gold' } }, 'metadata.plan\\u0000'],
      [{ handoffMessage: 'x\u0000' }, 'handoffMessage'],
    ];
    for (const [override, path] of cases) {
      expectRefused(await t.api('POST', '/v1/handoffs', handoffBody(override), { 'idempotency-key': randomUUID() }), path);
    }
  });

  it('refuses a lone surrogate, also when written as a JSON escape', async () => {
    expectRefused(await t.api('POST', '/v1/handoffs', handoffBody({ summary: 'x\ud800y' }), { 'idempotency-key': randomUUID() }), 'summary');
    const body = JSON.stringify(handoffBody()).replace('"summary":"', '"summary":"\\ud800');
    expectRefused(await raw('POST', '/v1/handoffs', body, { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': randomUUID() }), 'summary');
    const message = '{"id":"m9","role":"user","text":"\\udc00","createdAt":"2026-11-24T10:00:00Z"}';
    expectRefused(await raw('POST', `/v1/sessions/${sessionId}/messages`, message, { authorization: `Bearer ${t.apiKey}` }), 'text');
  });

  it('refuses metadata nested 10,000 deep without overflowing a stack', async () => {
    const deep = JSON.stringify(handoffBody()).replace('"metadata":{}', '').replace(/}$/, `,"metadata":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`);
    const res = await raw('POST', '/v1/handoffs', deep.replace('{,', '{'), { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': randomUUID() });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('json_too_complex');
  });

  it('refuses NUL in messages, ends, rules and the Return-to-AI note', async () => {
    const message = { id: 'm-nul', role: 'user', text: 'a\u0000', createdAt: '2026-11-24T10:00:00Z' };
    expectRefused(await t.api('POST', `/v1/sessions/${sessionId}/messages`, message), 'text');
    expectRefused(await t.api('POST', `/v1/sessions/${sessionId}/end`, { reason: 'bye\u0000' }), 'reason');
    const rule = { name: 'Cancel\u0000', conditions: { all: [{ field: 'text', operator: 'contains', value: ['cancel'] }] }, action: { type: 'handoff', reasonCode: 'policy' } };
    expectRefused(await t.api('POST', '/v1/rules', rule), 'name');
    const app = { authorization: `Bearer ${await appToken(t.tenantId)}` };
    expectRefused(await raw('POST', `/app/v1/agents/${t.agentId}/rules`, JSON.stringify(rule), app), 'name');
    expectRefused(await raw('POST', `/app/v1/sessions/${sessionId}/return-to-ai`, JSON.stringify({ note: 'n\u0000' }), app), 'note');
  });

  it('refuses NUL in paths and query strings, authenticated or not', async () => {
    const key = { authorization: `Bearer ${t.apiKey}` };
    expectRefused(await raw('GET', '/v1/sessions?conversationId=%00', undefined, key), 'query.conversationId');
    expectRefused(await raw('GET', '/v1/sessions/%00', undefined, key), 'path');
    expectRefused(await raw('POST', '/zendesk/webhooks/%00', '{"ticket_id":1}', {}), 'path');
    expectRefused(await raw('GET', '/app/v1/insights?agentId=%00', undefined, {}), 'query.agentId');
  });

  it('answers an app token whose tenant claim holds NUL with 401, not 500', async () => {
    const res = await raw('GET', '/app/v1/agents', undefined, { authorization: `Bearer ${await appToken('ten_\u0000')}` });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_app_token');
  });

  it('keeps odd but valid unicode and huge numbers as 2xx or a validation 422', async () => {
    // (A leading U+FEFF is dropped by PGlite's text decoding, so the BOM sits inside the string.)
    const odd = 'x\ufeff\u202eRTL 😀 e\u0301 \uffff \u0001 𝕏';
    const ok = await t.api('POST', '/v1/handoffs', handoffBody({ summary: odd, metadata: { n: 1e308, [odd]: odd } }), { 'idempotency-key': randomUUID() });
    expect(ok.status).toBe(201);
    expect(ok.body.session.summary).toBe(odd);
    const huge = JSON.stringify(handoffBody()).replace('"confidence":0.31', '"confidence":1e400');
    const res = await raw('POST', '/v1/handoffs', huge, { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': randomUUID() });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
