import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from './backends.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';
import { createRelayWorld, type RelayWorld } from './relay-world.js';
import { startPostgresProxy, throughProxy, type TcpProxy } from './tcp-proxy.js';

// The embedded database lives in the relay's process: only a database server can stop answering under a running relay.
const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING database-stall.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

/**
 * A host that starts dropping packets under the relay's open connections: nothing is refused or reset, so only the
 * relay's own statement timeout ends the wait. Before DATABASE_QUERY_TIMEOUT_MS, requests hung for TCP's ~15 minutes.
 */
suite('a relay whose PostgreSQL stops answering on open connections', () => {
  let world: RelayWorld;
  let proxy: TcpProxy;
  let relay: ChildRelay;
  let url = '';
  beforeAll(async () => {
    world = await createRelayWorld();
    proxy = await startPostgresProxy();
    relay = spawnRelay({
      DATABASE_URL: throughProxy(world.scratch.url, proxy),
      MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'info',
      DATABASE_QUERY_TIMEOUT_MS: '1000',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
    });
    url = await relay.url;
  }, 60_000);
  afterAll(async () => {
    await relay?.kill('SIGTERM');
    await proxy?.close();
    await world?.close();
  });

  it('answers 503 database_unavailable instead of hanging, warns once, and works again once packets flow', async () => {
    const authorized = { authorization: `Bearer ${world.apiKey}`, 'content-type': 'application/json' };
    const handoff = () =>
      fetch(`${url}/v1/handoffs`, { method: 'POST', headers: { ...authorized, 'idempotency-key': randomUUID() }, body: JSON.stringify(handoffBody()), signal: AbortSignal.timeout(60_000) });
    // Pooled connections are open and idle: the stall must meet them, not only new connections.
    expect((await handoff()).status).toBe(201);
    const before = relay.output().length;
    proxy.stall();
    try {
      // Bounded well under TCP's own give-up (minutes), generously above the 1 s timeout on a busy machine.
      const res = await fetch(`${url}/v1/sessions?conversationId=stalled`, { headers: authorized, signal: AbortSignal.timeout(30_000) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    } finally {
      proxy.bringBack();
    }
    const created = await waitFor('a handoff accepted once packets flow again', async () => {
      const res = await handoff();
      return res.status === 201 && res;
    }, 30_000);
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    await waitFor('its ticket created', () => world.emulator.tickets().some((t) => t.external_id === `baton:${sessionId}`), 30_000);
    const lines = relay.output().slice(before).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string });
    const complaints = lines.filter((l) => l.level >= 40);
    expect(complaints, JSON.stringify(complaints, null, 1)).toHaveLength(1);
    expect(complaints[0]!.msg).toMatch(/database unreachable/);
  }, 120_000);
});
