import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/database.js';
import { POSTGRES_URL } from './backends.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';
import { createRelayWorld, type RelayWorld } from './relay-world.js';
import { startTcpProxy, throughProxy, type TcpProxy } from './tcp-proxy.js';

// The embedded database lives in the relay's process: only a database server can go away under a running relay.
const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING database-outage.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

interface LogLine {
  level: number;
  msg: string;
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
    const server = new URL(POSTGRES_URL!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
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
});
