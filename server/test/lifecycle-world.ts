import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { connectZendesk, createAgent, createApiKey, createTenant, provisionTenantZendesk, rotateAppSecret } from '../relay/admin.js';
import type { Failure, RetryDecision } from '../core/retry-schedule.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import type { Backend } from './backends.js';
import { startTestRelay, waitFor, type TestRelay } from './harness.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/**
 * The world the lifecycle model runs in: ONE relay and two Zendesk accounts (emulators) per backend,
 * shared by every sequence; each sequence uses its own conversation, so sequences are independent.
 * The two accounts cover both ways the relay writes a customer's line: as a comment with `author_id`
 * (API token) and through the Requests API as the end user (OAuth with the `impersonate` scope).
 */
export type WritePath = 'author_id' | 'requests_api';

export interface Desk {
  path: WritePath;
  z: ZendeskEmulator;
  tenantId: string;
  agentId: string;
  apiKey: string;
  appSecret: string;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
}

export interface Call {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the caller
}

/**
 * Production retries for hours; a test cannot. Patient enough that nothing is dead-lettered while a
 * sequence's faults last (a few failures in a row), short enough that a delivery that can never
 * succeed (a relay defect) is dead-lettered — and logged at error level — within seconds.
 */
export const patientRetry = (attempts: number, failure: Failure): RetryDecision =>
  failure.kind === 'permanent' || attempts >= 40
    ? { retry: false, reason: failure.kind === 'permanent' ? 'permanent' : 'exhausted' }
    : { retry: true, delayMs: Math.min(250, Math.max(20 * attempts, Math.min(failure.retryAfterMs ?? 0, 2_000))) };

export interface World {
  t: TestRelay;
  desks: Record<WritePath, Desk>;
  /** Error-level log lines of the relay (invariant 6). */
  errorLogs: string[];
  /** Every call answered with a 5xx (invariant 6). */
  serverErrors: string[];
  api(desk: Desk, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Call>;
  /** A call of the Zendesk sidebar app, signed as Zendesk's proxy would. */
  app(desk: Desk, method: string, path: string, body?: unknown): Promise<Call>;
  quiesce(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorld(backend: Backend): Promise<World> {
  const errorLogs: string[] = [];
  const serverErrors: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      errorLogs.push(chunk.toString('utf8').trim());
      done();
    },
  });
  const t = await startTestRelay(backend, {
    log: pino({ level: 'error' }, sink),
    // The poll runs when the model says "eventually" (quiesce), not on its own schedule.
    env: { RECONCILE_INTERVAL_MS: '600000', TICKET_UPDATE_SPACING_MS: '20' },
    overrides: { worker: { retryPolicy: patientRetry } },
  });
  const [za, zb] = await Promise.all([0, 1].map(() => startZendeskEmulator({ accountRequestsPerMinute: 1_000_000 })));
  za!.addApiToken('admin@acme.test', 'dev-token');
  await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
    baseUrl: za!.baseUrl,
    credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' },
  });
  await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);

  const other = await createTenant(t.relay.db, { name: 'Globex' });
  let otherSecret = '';
  const otherReceiver = await startWebhookReceiver(() => otherSecret);
  const otherAgent = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: other.id, name: 'Bot B', callbackUrl: otherReceiver.url });
  otherSecret = otherAgent.webhookSecret;
  const otherKey = await createApiKey(t.relay.db, { agentId: otherAgent.agentId });
  const token = zb!.issueAccessToken(['read', 'write', 'impersonate']);
  await connectZendesk(t.relay.db, t.relay.masterKey, other.id, {
    baseUrl: zb!.baseUrl,
    credentials: { type: 'oauth', accessToken: token.accessToken, scopes: ['read', 'write', 'impersonate'] },
  });
  await provisionTenantZendesk(t.relay.db, t.relay.masterKey, other.id, t.url);

  const desks: Record<WritePath, Desk> = {
    author_id: {
      path: 'author_id', z: za!, tenantId: t.tenantId, agentId: t.agentId, apiKey: t.apiKey,
      appSecret: await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId), receiver: t.receiver,
    },
    requests_api: {
      path: 'requests_api', z: zb!, tenantId: other.id, agentId: otherAgent.agentId, apiKey: otherKey.apiKey,
      appSecret: await rotateAppSecret(t.relay.db, t.relay.masterKey, other.id), receiver: otherReceiver,
    },
  };

  async function call(url: string, method: string, authorization: string, body: unknown, headers: Record<string, string> = {}): Promise<Call> {
    const res = await fetch(url, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 500) serverErrors.push(`${method} ${new URL(url).pathname} → ${res.status} ${text.slice(0, 300)}`);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  const pending = async () =>
    (await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`)).rows[0]!.n;
  const zendeskDeliveries = () => za!.webhookDeliveries().length + zb!.webhookDeliveries().length;

  return {
    t,
    desks,
    errorLogs,
    serverErrors,
    api: (desk, method, path, body, headers) => call(`${t.url}${path}`, method, `Bearer ${desk.apiKey}`, body, headers),
    async app(desk, method, path, body) {
      const jwt = await new SignJWT({ tenant: desk.tenantId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setAudience(t.url)
        .setExpirationTime('60s')
        .sign(new TextEncoder().encode(desk.appSecret));
      return call(`${t.url}${path}`, method, `Bearer ${jwt}`, body ?? {});
    },
    /**
     * "Eventually": faults end, held webhooks arrive, the outbox drains and the reconciliation poll
     * has looked at every ticket once (recovering lost webhooks); repeated until Zendesk fires nothing new.
     */
    async quiesce() {
      for (const d of Object.values(desks)) d.z.faults.reset();
      for (let round = 0; round < 6; round++) {
        const fired = zendeskDeliveries();
        for (const d of Object.values(desks)) await d.z.settleWebhooks();
        await waitFor('the outbox to drain', async () => (await pending()) === 0, 30_000);
        if (round === 0) {
          await t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL`);
          await t.relay.reconciler!.tick();
          await waitFor('the poll-driven catch-ups to drain', async () => (await pending()) === 0, 30_000);
        } else if (zendeskDeliveries() === fired) {
          return;
        }
      }
    },
    async stop() {
      await t.stop();
      await otherReceiver.close();
      await za!.stop();
      await zb!.stop();
    },
  };
}
