import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { configureAgent, createAgent, createTenant, rotateAppSecret, storeZendeskWebhookSecret, storeZendeskWebhookToken } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createCapturedLog } from './log-capture.js';
import { createRecordingHelpdesk, recordingHelpdeskFor } from './recording-helpdesk.js';
import { upload } from './raw-upload.js';

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
  const recording = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => recording.helpdesk, overrides: { log: captured.log } });
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
    // Rule changes need a Zendesk admin's session: the storable check must hold behind that guard too.
    const admin = { ...app, 'x-baton-admin-session': signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 1, exp: Date.now() + 3_600_000 }) };
    expectRefused(await raw('POST', `/app/v1/agents/${t.agentId}/rules`, JSON.stringify(rule), admin), 'name');
    expectRefused(await raw('POST', `/app/v1/sessions/${sessionId}/return-to-ai`, JSON.stringify({ note: 'n\u0000' }), app), 'note');
    expectRefused(await raw('POST', `/app/v1/sessions/${sessionId}/take-over`, JSON.stringify({ agentName: 'Sam\u0000' }), app), 'agentName');
  });

  it('refuses NUL in paths and query strings, authenticated or not', async () => {
    const key = { authorization: `Bearer ${t.apiKey}` };
    expectRefused(await raw('GET', '/v1/sessions?conversationId=%00', undefined, key), 'query.conversationId');
    expectRefused(await raw('GET', '/v1/sessions/%00', undefined, key), 'path');
    expectRefused(await raw('POST', '/zendesk/webhooks/%00', '{"ticket_id":1}', {}), 'path');
    expectRefused(await raw('GET', '/app/v1/insights?agentId=%00', undefined, {}), 'query.agentId');
  });

  it('refuses a createdAt in year 0 (valid RFC 3339, but PostgreSQL has no year 0) with a 422, storing nothing', async () => {
    const conversationId = `year-zero-${randomUUID()}`;
    for (const createdAt of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+05:00']) {
      const transcript = [{ id: 'm1', role: 'user', text: 'hi', createdAt }];
      expectRefused(await t.api('POST', '/v1/handoffs', handoffBody({ conversationId, transcript }), { 'idempotency-key': randomUUID() }), 'transcript.0.createdAt', 'validation_failed');
      expectRefused(await t.api('POST', `/v1/sessions/${sessionId}/messages`, { id: `m-${createdAt}`, role: 'user', text: 'hi', createdAt }), 'createdAt', 'validation_failed');
    }
    expect((await t.api('GET', `/v1/sessions?conversationId=${conversationId}`)).body.sessions).toEqual([]);
    const earliest = await t.api('POST', `/v1/sessions/${sessionId}/messages`, { id: 'm-year-1', role: 'user', text: 'hi', createdAt: '0001-01-01T00:00:00Z' });
    expect(earliest.status).toBe(202);
    await waitFor('the year-1 message on the ticket', () => recording.ticketOf(sessionId)?.comments.some((c) => c.messageId === 'm-year-1'));
  });

  it('refuses insights periods PostgreSQL cannot hold (year 0, year 10000) with a 422 naming the bound', async () => {
    const cases: [string, string][] = [
      ['from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z', 'from'],
      ['from=0001-01-05&to=0001-02-01', 'from'], // the previous period of equal length reaches into year 0
      ['from=9999-12-01&to=9999-12-31', 'to'], // the end of the 31st is year 10000
      ['from=0099-03-01&to=0099-04-01', 'from'],
    ];
    for (const [query, path] of cases) {
      for (const route of ['/v1/insights', '/v1/insights/trend']) expectRefused(await t.api('GET', `${route}?${query}`), path, 'validation_failed');
    }
    expect((await t.api('GET', '/v1/insights?from=1000-01-01&to=1000-12-31&tz=Pacific/Kiritimati')).status).toBe(200);
    expect((await t.api('GET', '/v1/insights?from=9999-12-01&to=9999-12-29')).status).toBe(200);
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

/**
 * Bodies are judged before they are read: a declared Content-Length over the route's limit is answered
 * at once, a chunked body is cut at the limit, and the 413 reaches a client that is still uploading.
 */
describe('bodies over the limit', () => {
  let t: TestRelay;
  let noTokenTenant = '';
  const captured = createCapturedLog();
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: recordingHelpdeskFor(), overrides: { log: captured.log } });
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'limit-secret');
    await storeZendeskWebhookToken(t.relay.db, t.tenantId, 'limit-bearer-token');
    // A tenant with a signing secret but no bearer token (hand-made webhook, or one found by provisioning).
    noTokenTenant = (await createTenant(t.relay.db, { name: 'No token' })).id;
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, noTokenTenant, 'other-secret');
  });
  afterAll(() => t?.stop());
  afterEach(() => expect(captured.errors()).toEqual([]));

  /** Peak RSS growth of this process (the relay runs in it) while `work` runs. */
  const rssGrowth = async <T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> => {
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const result = await work();
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, growthMb: (peak - before) / 1024 / 1024 };
    } finally {
      clearInterval(sampler);
    }
  };
  const MB = 1024 * 1024;

  it('answers 300 MB bodies with 413 without the relay growing, declared or chunked', async () => {
    const hook = { authorization: 'Bearer limit-bearer-token' };
    const cases: { path: string; chunked: boolean; headers: Record<string, string>; expected: number }[] = [
      { path: `/zendesk/webhooks/${t.tenantId}`, chunked: false, headers: hook, expected: 413 },
      { path: `/zendesk/webhooks/${t.tenantId}`, chunked: true, headers: hook, expected: 413 },
      // Cut at 64 KB before the route looks at the (missing) token.
      { path: `/zendesk/webhooks/${noTokenTenant}`, chunked: true, headers: {}, expected: 413 },
      { path: '/v1/handoffs', chunked: true, headers: { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': randomUUID() }, expected: 413 },
      { path: '/v1/handoffs', chunked: false, headers: { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': randomUUID() }, expected: 413 },
      { path: `/app/v1/agents/${t.agentId}/rules`, chunked: true, headers: {}, expected: 413 },
    ];
    for (const c of cases) {
      const { result, growthMb } = await rssGrowth(() => upload(`${t.url}${c.path}`, { total: 300 * MB, chunked: c.chunked, headers: c.headers }));
      expect(result, `${c.path} chunked=${c.chunked}`).toMatchObject({ status: c.expected, errorBeforeAnswer: undefined });
      expect(growthMb, `${c.path} chunked=${c.chunked}: RSS grew ${growthMb.toFixed(1)} MB`).toBeLessThan(64);
    }
  });

  it('refuses every call to a tenant webhook without a stored bearer token, before reading the body', async () => {
    const res = await upload(`${t.url}/zendesk/webhooks/${noTokenTenant}`, { total: 20, chunked: false });
    expect(res).toMatchObject({ status: 401, code: 'webhook_token_not_configured' });
  });

  it('gets the 413 to all of 9 clients still uploading 10 MB each', async () => {
    const sessionId = (await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() })).body.session.id as string;
    const key = { authorization: `Bearer ${t.apiKey}` };
    const outcomes = await Promise.all(
      Array.from({ length: 9 }, (_, i) => {
        const path = i % 2 === 0 ? '/v1/handoffs' : `/v1/sessions/${sessionId}/messages`;
        return upload(`${t.url}${path}`, { total: 10 * MB, chunked: i % 3 === 0, headers: { ...key, 'idempotency-key': randomUUID() } });
      }),
    );
    expect(outcomes.map((o) => `${o.status ?? o.errorBeforeAnswer}`)).toEqual(Array(9).fill('413'));
    expect(outcomes.every((o) => o.code === 'payload_too_large')).toBe(true);
  });
});

/** Callback URLs are http(s) only; CALLBACK_ALLOW_PRIVATE_HOSTS=false keeps callbacks off private networks. */
describe('callback URLs', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: recordingHelpdeskFor(), env: { CALLBACK_ALLOW_PRIVATE_HOSTS: 'false' } });
  });
  afterAll(() => t?.stop());

  it('refuses callback URLs that are not http(s), on create and on change', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:25/_HELO', 'javascript:alert(1)', 'ftp://example.com/x', 'data:text/plain,hi', 'not a url']) {
      await expect(createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Bad', callbackUrl: url }), url).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(configureAgent(t.relay.db, t.agentId, { callbackUrl: url }), url).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(configureAgent(t.relay.db, t.agentId, { callbackUrl: 'https://bot.example.com/baton' })).resolves.toMatchObject({ callbackUrl: 'https://bot.example.com/baton' });
  });

  it('with CALLBACK_ALLOW_PRIVATE_HOSTS=false, refuses loopback callbacks (literal or by name) as a delivery error', async () => {
    const port = new URL(t.receiver.url).port;
    for (const callbackUrl of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`]) {
      await configureAgent(t.relay.db, t.agentId, { callbackUrl });
      const id = (await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() })).body.session.id as string;
      const failed = await waitFor('a refused platform delivery', async () => {
        const { rows } = await t.relay.db.query<{ last_error: string | null }>(
          `SELECT last_error FROM deliveries WHERE session_id = $1 AND channel = 'platform' AND last_error IS NOT NULL`,
          [id],
        );
        return rows[0];
      });
      expect(failed.last_error, callbackUrl).toMatch(/callback_blocked: .*private address/);
      expect(t.receiver.unique().filter((e) => e.data.sessionId === id)).toEqual([]);
    }
  });
});
