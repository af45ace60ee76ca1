/**
 * A relay-hop world for benches: relay processes (`server/main.ts`, as `npm start` runs them) on one scratch
 * PostgreSQL database, behind a round-robin TCP proxy; the Zendesk emulator provisioned to call the proxy;
 * an AI-platform receiver that records every callback (not only the first of each id, so duplicates show).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { parseMasterKey } from '../server/core/secrets.js';
import type { Database } from '../server/db/database.js';
import { openDatabase } from '../server/db/open.js';
import { connectZendesk, createAgent, createApiKey, createTenant, provisionTenantZendesk } from '../server/relay/admin.js';
import { createScratchDatabase } from '../server/test/backends.js';
import { spawnRelay, type ChildRelay } from '../server/test/child-relay.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';

const MASTER_KEY = 'c'.repeat(64);
const POLL_MS = 20;

/** One callback as the platform received it: every request is kept, repeats included. */
export interface ReceivedCallback {
  webhookId: string;
  type: string;
  /** `data.message.id` of message.created (Baton's id of the relayed line), else undefined. */
  messageId: string | undefined;
  text: string | undefined;
  at: number;
}

export interface HopWorld {
  db: Database;
  emulator: ZendeskEmulator;
  proxy: RoundRobinProxy;
  relays: ChildRelay[];
  callbacks: ReceivedCallback[];
  /** POST to the relays (through the proxy) with the agent's API key; resolves to status and JSON body. */
  api(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Hands off `count` conversations and waits until each has its ticket and its handoff.accepted callback. */
  openSessions(count: number): Promise<Array<{ id: string; ticketId: number }>>;
  /** Until the emulator has sent every webhook and the outbox has nothing left to do (timers aside). */
  settle(): Promise<void>;
  /** The PostgreSQL backends serving this world's database now (for CPU accounting). */
  postgresPids(): Promise<number[]>;
  stop(): Promise<void>;
}

export const waitUntil = async (ok: () => boolean | Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
};

function startCallbackReceiver(callbacks: ReceivedCallback[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string; data?: { message?: { id?: string; text?: string } } };
      callbacks.push({ webhookId: String(req.headers['webhook-id']), type: String(parsed.type), messageId: parsed.data?.message?.id, text: parsed.data?.message?.text, at });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, server })));
}

export async function startHopWorld(options: {
  relays: number;
  relayEnv?: Record<string, string>;
  /** false: an account without event-subscription webhooks (every agent reply is read back from Zendesk). */
  eventSubscriptions?: boolean;
}): Promise<HopWorld> {
  const callbacks: ReceivedCallback[] = [];
  const receiver = await startCallbackReceiver(callbacks);
  const emulator = await startZendeskEmulator({ accountRequestsPerMinute: 100_000_000, eventSubscriptions: options.eventSubscriptions ?? true });
  emulator.addApiToken('admin@acme.test', 'dev-token');
  const scratch = await createScratchDatabase();
  // Migrated here once, before the relays start, so they do not race to migrate.
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: undefined });
  const masterKey = parseMasterKey(MASTER_KEY);
  const tenant = await createTenant(db, { name: 'Bench' });
  const agent = await createAgent(db, masterKey, { tenantId: tenant.id, name: 'Bot', callbackUrl: receiver.url });
  const { apiKey } = await createApiKey(db, { agentId: agent.agentId });
  await connectZendesk(db, masterKey, tenant.id, { baseUrl: emulator.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
  const relays = Array.from({ length: options.relays }, () =>
    spawnRelay({
      DATABASE_URL: scratch.url,
      MASTER_KEY,
      RECONCILE_INTERVAL_MS: '3600000',
      INSIGHTS_ROLLUP_INTERVAL_MS: '0',
      PURGE_INTERVAL_MS: '0',
      RATE_LIMIT_REQUESTS_PER_KEY: '0',
      TICKET_UPDATE_SPACING_MS: '100',
      ...options.relayEnv,
    }),
  );
  const proxy = await startRoundRobinProxy(await Promise.all(relays.map((r) => r.url)));
  // Zendesk calls the balancer, as it would call a relay fleet's public address.
  await provisionTenantZendesk(db, masterKey, tenant.id, proxy.url);

  const api = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${proxy.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
  };

  const pendingWork = async () =>
    Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM deliveries WHERE status = 'pending' AND channel <> 'timer'`)).rows[0]!.n);

  async function settle(): Promise<void> {
    // A delivery may queue a webhook (a ticket write fires triggers) and a webhook may queue a delivery.
    for (let quiet = 0; quiet < 2; ) {
      await emulator.settleWebhooks();
      await waitUntil(async () => (await pendingWork()) === 0, 'the outbox to drain');
      quiet = (await pendingWork()) === 0 ? quiet + 1 : 0;
    }
  }

  async function openSessions(count: number): Promise<Array<{ id: string; ticketId: number }>> {
    const ids = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const r = await api(
          '/v1/handoffs',
          {
            conversationId: `scale-${i}-${randomUUID()}`,
            endUser: { id: `u${i}`, name: `User ${i}`, email: `u${i}@example.com` },
            transcript: [{ id: 'm1', role: 'user', text: 'I need a human', createdAt: new Date().toISOString() }],
            reason: { code: 'customer_request' },
          },
          { 'idempotency-key': randomUUID() },
        );
        if (r.status !== 201 && r.status !== 200) throw new Error(`handoff answered ${r.status}: ${JSON.stringify(r.body)}`);
        return (r.body as { session: { id: string } }).session.id;
      }),
    );
    const wanted = new Set(ids);
    await waitUntil(() => callbacks.filter((c) => c.type === 'handoff.accepted').length >= count, `${count} handoff.accepted callbacks`);
    const byExternalId = new Map(emulator.tickets().map((t) => [t.external_id, t.id]));
    await settle();
    return [...wanted].map((id) => ({ id, ticketId: byExternalId.get(`baton:${id}`)! }));
  }

  return {
    db,
    emulator,
    proxy,
    relays,
    callbacks,
    api,
    openSessions,
    settle,
    async postgresPids() {
      const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
      return rows.map((r) => Number(r.pid));
    },
    async stop() {
      await Promise.all(relays.map((r) => r.kill('SIGTERM')));
      await proxy.close();
      await emulator.stop();
      await db.close();
      await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
      await scratch.drop();
    },
  };
}
