import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/database.js';
import { POSTGRES_URL } from './backends.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';
import { createRelayWorld, type RelayWorld } from './relay-world.js';
import { startPostgresProxy, throughProxy, type TcpProxy } from './tcp-proxy.js';

// The embedded database lives in the relay's process: only a database server can go away under a running relay.
const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING database-outage.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

interface LogLine {
  level: number;
  msg: string;
  noticedBy?: string;
}
const WARN = 40;

/** A relay process whose PostgreSQL goes away (a proxy in front of it resets every connection) and comes back. */
suite('a relay while its PostgreSQL is unreachable', () => {
  let world: RelayWorld;
  let emulator: RelayWorld['emulator'];
  let receiver: RelayWorld['receiver'];
  let proxy: TcpProxy;
  let relay: ChildRelay;
  let direct: Database;
  let url = '';
  let apiKey = '';
  beforeAll(async () => {
    world = await createRelayWorld();
    ({ emulator, receiver, apiKey } = world);
    direct = await openDatabase({ databaseUrl: world.scratch.url, dataDir: undefined });
    proxy = await startPostgresProxy();
    relay = spawnRelay({
      DATABASE_URL: throughProxy(world.scratch.url, proxy),
      MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'info',
      TICKET_UPDATE_SPACING_MS: '100',
      // Every periodic job ticks each second, so each of them meets the outage too.
      RECONCILE_INTERVAL_MS: '1000',
      PURGE_INTERVAL_MS: '1000',
      INSIGHTS_ROLLUP_INTERVAL_MS: '1000',
    });
    url = await relay.url;
  }, 60_000);
  afterAll(async () => {
    await relay?.kill('SIGTERM');
    await direct?.close();
    await proxy?.close();
    await world?.close();
  });

  /** The relay's complete log lines (pino JSON) written since `from` characters of its output. */
  const linesSince = (from: number): LogLine[] =>
    relay
      .output()
      .slice(from)
      .split('\n')
      .slice(0, -1) // the line being written, if any
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  it('logs the outage once without a stack, logs its end once, and then delivers everything it had acknowledged', async () => {
    // Five handoffs acknowledged; the platform refuses their first callback, so those wait for a retry.
    receiver.failNext(5);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/v1/handoffs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(handoffBody()),
      });
      expect(res.status).toBe(201);
    }
    await waitFor('the refused callbacks recorded for a retry', async () => {
      const { rows } = await direct.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE kind = 'handoff.accepted' AND status = 'pending' AND attempts >= 1 AND last_error IS NOT NULL`,
      );
      return rows[0]!.n === 5;
    }, 20_000);
    // Each refusal is logged just after it is recorded: those lines belong before the outage.
    await waitFor('the refusals logged', () => linesSince(0).filter((l) => l.msg === 'delivery failed, will retry').length === 5);

    const before = relay.output().length;
    proxy.takeDown();
    let during: LogLine[];
    try {
      // The outbox and all three periodic jobs keep trying: a dozen connections reset is several ticks of each.
      await waitFor('a dozen connection attempts refused', () => proxy.refused >= 12, 60_000);
      during = linesSince(before);
    } finally {
      proxy.bringBack();
    }
    const complaints = during.filter((l) => l.level >= WARN);
    expect(complaints, JSON.stringify(complaints, null, 1)).toHaveLength(1);
    expect(complaints[0]!.level).toBe(WARN);
    expect(complaints[0]!.msg).toMatch(/database unreachable/);
    expect(JSON.stringify(complaints[0])).not.toMatch(/stack/);

    await waitFor('every acknowledged handoff announced to the platform', () => receiver.unique().filter((r) => r.type === 'handoff.accepted').length === 5, 60_000);
    await waitFor('every ticket created', () => emulator.tickets().length === 5, 30_000);
    const after = linesSince(before).slice(during.length);
    expect(after.filter((l) => /database reachable again/.test(l.msg))).toHaveLength(1);
    expect(after.filter((l) => l.level >= WARN)).toEqual([]);
  }, 120_000);

  it('serves /metrics while the database is down, without the outbox figures and saying so; /ready answers 503', async () => {
    const scrape = async () => {
      const res = await fetch(`${url}/metrics`);
      return { status: res.status, text: await res.text() };
    };
    expect((await scrape()).text).toMatch(/^baton_outbox_stats_up 1$/m);
    proxy.takeDown();
    try {
      const down = await scrape();
      expect(down.status).toBe(200);
      expect(down.text).toMatch(/^baton_outbox_stats_up 0$/m);
      expect(down.text).toMatch(/^baton_process_cpu_user_seconds_total /m);
      expect(down.text).toMatch(/^baton_handoffs_total\{reason="customer_request"\} 5$/m);
      // Left out rather than reported stale or as zero.
      expect(down.text).not.toMatch(/baton_outbox_pending/);
      expect((await fetch(`${url}/ready`)).status).toBe(503);
    } finally {
      proxy.bringBack();
    }
    const up = await waitFor('the outbox figures back', async () => {
      const page = await scrape();
      return /^baton_outbox_stats_up 1$/m.test(page.text) && page;
    }, 30_000);
    expect(up.text).toMatch(/^baton_outbox_pending \d+$/m);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  }, 60_000);

  // They answered 500 internal_error with a stack logged per request: a platform could not tell "retry later" from a
  // bug, and a steady sender flooded the log.
  it('answers 503 database_unavailable with Retry-After on the API and both fast paths, logs the outage once, and stores nothing', async () => {
    // The previous test's outage must be over for the relay too, or this one is not a new outage (no new warning).
    const count = (msg: RegExp) => linesSince(0).filter((l) => msg.test(l.msg)).length;
    await waitFor('the last outage ended in the log', () => count(/database reachable again/) === count(/database unreachable/), 30_000);
    const authorized = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/v1/handoffs`, { method: 'POST', headers: { ...authorized, 'idempotency-key': randomUUID() }, body: JSON.stringify(handoffBody()) });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const { rows: [tenant] } = await direct.query<{ id: string }>('SELECT id FROM tenants LIMIT 1');
    const message = { id: `outage-${randomUUID()}`, role: 'user', text: 'Still there?', createdAt: new Date().toISOString() };
    const requests = {
      'POST /v1/handoffs (Hono)': () => fetch(`${url}/v1/handoffs`, { method: 'POST', headers: { ...authorized, 'idempotency-key': randomUUID() }, body: JSON.stringify(handoffBody()) }),
      'GET /v1/sessions/{id} (Hono)': () => fetch(`${url}/v1/sessions/${sessionId}`, { headers: authorized }),
      'POST /v1/sessions/{id}/messages (fast path)': () => fetch(`${url}/v1/sessions/${sessionId}/messages`, { method: 'POST', headers: authorized, body: JSON.stringify(message) }),
      'POST /zendesk/webhooks/{tenant} (fast path)': () => fetch(`${url}/zendesk/webhooks/${tenant!.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    };
    const before = relay.output().length;
    proxy.takeDown();
    const answers: Record<string, unknown> = {};
    try {
      // Several rounds, as a platform sending at a steady rate would: each answer is a 503, none a log line.
      for (let round = 0; round < 3; round++) {
        for (const [name, send] of Object.entries(requests)) {
          const res = await send();
          answers[`${round} ${name}`] = { status: res.status, retryAfter: res.headers.get('retry-after'), code: ((await res.json()) as { error?: { code?: string } }).error?.code };
        }
      }
    } finally {
      proxy.bringBack();
    }
    for (const [name, answer] of Object.entries(answers)) expect(answer, name).toEqual({ status: 503, retryAfter: '5', code: 'database_unavailable' });

    // Nothing refused was stored: the message is new to the relay once the database is back.
    const { rows } = await direct.query('SELECT 1 FROM messages WHERE session_id = $1 AND message_id = $2', [sessionId, message.id]);
    expect(rows).toEqual([]);
    const retried = await waitFor('the message accepted once the database is back', async () => {
      const res = await requests['POST /v1/sessions/{id}/messages (fast path)']();
      return res.status !== 503 && res;
    }, 30_000);
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ duplicate: false });
    // Checked once the outage is over, so a line written late is counted too.
    const complaints = linesSince(before).filter((l) => l.level >= WARN);
    expect(complaints, JSON.stringify(complaints, null, 1)).toHaveLength(1);
    expect(complaints[0]).toMatchObject({ level: WARN, msg: expect.stringMatching(/database unreachable/) });
    expect(JSON.stringify(complaints[0])).not.toMatch(/stack/);
  }, 60_000);
  it('logs the end of an outage on a relay that only serves HTTP (WORKERS=off), from its readiness checks', async () => {
    const httpOnly = spawnRelay({ DATABASE_URL: throughProxy(world.scratch.url, proxy), MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'info', WORKERS: 'off' });
    try {
      const httpUrl = await httpOnly.url;
      const lines = () => httpOnly.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
      proxy.takeDown();
      try {
        const res = await fetch(`${httpUrl}/v1/sessions/ses_none`, { headers: { authorization: `Bearer ${apiKey}` } });
        expect(res.status).toBe(503);
        expect((await fetch(`${httpUrl}/ready`)).status).toBe(503);
      } finally {
        proxy.bringBack();
      }
      // No outbox or periodic job runs here to notice the database is back: the balancer's readiness checks do.
      await waitFor('ready again', async () => (await fetch(`${httpUrl}/ready`)).status === 200, 30_000);
      await waitFor('the end of the outage logged', () => lines().some((l) => /database reachable again/.test(l.msg)), 10_000);
      expect(lines().filter((l) => /database unreachable/.test(l.msg))).toHaveLength(1);
    } finally {
      await httpOnly.kill('SIGTERM');
    }
  }, 60_000);
});
