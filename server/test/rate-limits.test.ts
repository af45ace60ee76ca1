import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { hashSecret } from '../core/secrets.js';
import { createAgent, createApiKey, rotateAppSecret, storeZendeskWebhookSecret } from '../relay/admin.js';
import { startRelay, type Relay } from '../runtime.js';
import { setZendeskWebhookTokenHash } from '../store/tenants.js';
import { proxyToken } from './app-token.js';
import { BACKENDS, POSTGRES_URL, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, TEST_MASTER_KEY, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('rate-limits.test.ts');

const badKey = () => `bk_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
const get = (url: string, headers: Record<string, string>) => fetch(url, { headers });

/** Sends `n` requests one after another and returns every status, so a test sees where the 429s begin. */
async function statuses(n: number, send: (i: number) => Promise<Response>): Promise<Response[]> {
  const out: Response[] = [];
  for (let i = 0; i < n; i++) out.push(await send(i));
  return out;
}

function expectRateLimited(res: Response, body: { error: { code: string } }) {
  expect(res.status).toBe(429);
  expect(body.error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
}

describe.each(BACKENDS)('rate limits (%s)', (backend) => {
  describe('with the default limits', () => {
    let t: TestRelay;
    let appSecret = '';
    beforeAll(async () => {
      t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
      appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    });
    afterAll(() => t?.stop());

    it('answers 429 with Retry-After after 20 bad API keys from one address, while a valid key from it still works', async () => {
      const all = await statuses(24, (i) =>
        i % 2
          ? get(`${t.url}/v1/sessions`, { authorization: `Bearer ${badKey()}` })
          // The hot ingest path authenticates on its own: it must count and refuse the same way.
          : fetch(`${t.url}/v1/sessions/ses_x/messages`, { method: 'POST', headers: { authorization: `Bearer ${badKey()}`, 'content-type': 'application/json' }, body: '{}' }),
      );
      expect(all.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(401));
      for (const res of all.slice(20)) expectRateLimited(res, (await res.json()) as never);
      expect((await t.api('GET', '/v1/sessions')).status).toBe(200);
      expect((await t.api('POST', `/v1/sessions/ses_nope/messages`, { id: 'm', role: 'user', text: 'hi', createdAt: new Date().toISOString() })).status).toBe(404);
    });

    it('answers 429 after 20 bad app JWTs, while the installation with the right secret still gets its answers', async () => {
      const all = await statuses(22, async () =>
        get(`${t.url}/app/v1/agents`, { authorization: `Bearer ${await proxyToken('a-guess', { tenant: `ten_${randomBytes(4).toString('hex')}` }, { aud: t.url })}` }),
      );
      const codes = await Promise.all(all.map(async (r) => ({ status: r.status, code: ((await r.json()) as { error: { code: string } }).error.code })));
      // The address may already carry failures of the test before: what matters is 401 turning into 429.
      expect(codes.at(-1)).toEqual({ status: 429, code: 'rate_limited' });
      expect(Number(all.at(-1)!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const good = await get(`${t.url}/app/v1/agents`, { authorization: `Bearer ${await proxyToken(appSecret, { tenant: t.tenantId }, { aud: t.url })}` });
      expect(good.status).toBe(200);
    });
  });

  describe('per credential, per Zendesk webhook and per key (small limits)', () => {
    let t: TestRelay;
    beforeAll(async () => {
      t = await startTestRelay(backend, {
        helpdeskFor: recordingHelpdeskFor(),
        // One trusted proxy: each request may claim its own client address, so the per-credential limit is seen alone.
        env: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_AUTH_FAILURES_PER_IP: '1000', RATE_LIMIT_REQUESTS_PER_KEY: '8', RATE_LIMIT_REQUESTS_PER_KEY_WINDOW_SECONDS: '3600' },
      });
      await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'webhook-secret');
      await setZendeskWebhookTokenHash(t.relay.db, t.tenantId, hashSecret('the-bearer'));
    });
    afterAll(() => t?.stop());

    it('refuses wrong secrets for one key id after 10 failures, whatever address they come from', async () => {
      const keyId = t.apiKey.split('_')[1]!;
      const all = await statuses(12, (i) =>
        get(`${t.url}/v1/sessions`, { authorization: `Bearer bk_${keyId}_${randomBytes(32).toString('base64url')}`, 'x-forwarded-for': `198.51.100.${i + 1}` }),
      );
      expect(all.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
      for (const res of all.slice(10)) expectRateLimited(res, (await res.json()) as never);
    });

    it('refuses a wrong Zendesk webhook bearer after 10 failures for the tenant', async () => {
      const all = await statuses(12, (i) =>
        fetch(`${t.url}/zendesk/webhooks/${t.tenantId}`, {
          method: 'POST',
          headers: { authorization: 'Bearer guessed', 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
          body: '{"ticket_id":"1"}',
        }),
      );
      expect(all.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
      for (const res of all.slice(10)) expectRateLimited(res, (await res.json()) as never);
    });

    it('limits requests per API key, leaving the other keys alone', async () => {
      const other = await createApiKey(t.relay.db, { agentId: (await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Other' })).agentId });
      const all = await statuses(8, () => get(`${t.url}/v1/sessions`, { authorization: `Bearer ${t.apiKey}` }));
      // The key may have spent requests in the tests before (one window for the whole suite).
      expect(all.every((r) => r.status === 200 || r.status === 429)).toBe(true);
      const over = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': 'over-the-limit' });
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('rate_limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(60);
      expect((await get(`${t.url}/v1/sessions`, { authorization: `Bearer ${other.apiKey}` })).status).toBe(200);
    });
  });
});

const pgSuite = POSTGRES_URL ? describe : describe.skip;

pgSuite('rate limits shared by two relays on one PostgreSQL', () => {
  let a: TestRelay;
  let b: Relay;
  const env = { RATE_LIMIT_REQUESTS_PER_KEY: '6', RATE_LIMIT_REQUESTS_PER_KEY_WINDOW_SECONDS: '3600', RATE_LIMIT_AUTH_FAILURES_PER_IP: '6' };
  beforeAll(async () => {
    a = await startTestRelay('postgres', { env });
    const { rows } = await a.relay.db.query<{ db: string }>('SELECT current_database() AS db');
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/${rows[0]!.db}`;
    b = await startRelay(loadConfig({ PORT: '0', DATA_DIR: '/tmp/unused-rl-b', MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), WORKERS: 'off', ...env }), {
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('counts one key\'s requests and one address\'s failures across both relays', async () => {
    const auth = { authorization: `Bearer ${a.apiKey}` };
    const requests = await statuses(8, (i) => get(`${i % 2 ? b.url : a.url}/v1/sessions`, auth));
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const failures = await statuses(8, (i) => get(`${i % 2 ? b.url : a.url}/v1/sessions`, { authorization: `Bearer ${badKey()}` }));
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });
});
