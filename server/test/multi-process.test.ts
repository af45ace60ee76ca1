import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { POSTGRES_URL } from './backends.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';
import { createRelayWorld, type RelayWorld } from './relay-world.js';

const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING multi-process.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

/** Two relay processes (`server/main.ts`) on one PostgreSQL: all work done, nothing twice. */
suite('two relay processes on one PostgreSQL', () => {
  const children: ChildRelay[] = [];
  let world: RelayWorld;
  let emulator: RelayWorld['emulator'];
  let scratch: RelayWorld['scratch'];
  let receiver: RelayWorld['receiver'];
  let apiKey = '';
  beforeAll(async () => {
    world = await createRelayWorld();
    ({ emulator, scratch, receiver, apiKey } = world);
    for (let i = 0; i < 2; i++) {
      children.push(spawnRelay({ DATABASE_URL: scratch.url, MASTER_KEY: TEST_MASTER_KEY, TICKET_UPDATE_SPACING_MS: '100', RECONCILE_INTERVAL_MS: '600000' }));
    }
    await Promise.all(children.map((c) => c.url));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    await world?.close();
  });

  it('shares the outbox: every ticket created once, every webhook delivered once', async () => {
    const [a, b] = await Promise.all(children.map((c) => c.url));
    const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const ids = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await post(i % 2 ? a! : b!, '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
        return ((await res.json()) as { session: { id: string } }).session.id;
      }),
    );
    await Promise.all(ids.map((id, i) => post(i % 2 ? b! : a!, `/v1/sessions/${id}/messages`, { id: `m-${i}`, role: 'user', text: `hello ${i}`, createdAt: new Date().toISOString() })));
    const ticketsOf = (id: string) => emulator.tickets().filter((t) => t.external_id === `baton:${id}`);
    await waitFor('every line on its ticket', () => ids.every((id, i) => ticketsOf(id)[0]?.comments.some((c) => c.public && c.body === `hello ${i}`)), 30_000);
    for (const [i, id] of ids.entries()) {
      expect(ticketsOf(id)).toHaveLength(1);
      expect(ticketsOf(id)[0]!.comments.filter((c) => c.body === `hello ${i}`)).toHaveLength(1);
    }
    // One POST /tickets per session: nothing was created twice and then deduplicated.
    expect(emulator.requestCount({ method: 'POST', pathPrefix: '/api/v2/tickets' })).toBe(40);
    await waitFor('40 handoff.accepted', () => receiver.unique().filter((r) => r.type === 'handoff.accepted').length === 40, 20_000);
    const seen = receiver.received.map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length);
    // Both processes took part in the deliveries.
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: undefined });
    const workers = await db.query<{ n: number }>(`SELECT count(DISTINCT locked_by)::int AS n FROM deliveries WHERE locked_by IS NOT NULL`);
    await db.close();
    expect(workers.rows[0]!.n).toBe(2);
  }, 90_000);
});
