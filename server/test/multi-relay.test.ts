import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startRelay, type Relay } from '../runtime.js';
import { listDeliveries } from '../store/deliveries.js';
import { POSTGRES_URL } from './backends.js';
import { fastRetry, handoffBody, startTestRelay, TEST_MASTER_KEY, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING multi-relay.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

/**
 * Two relays on one PostgreSQL, each with its own connection pool and delivery worker, racing for
 * the same outbox: every delivery happens, none twice.
 */
suite('two relays sharing one PostgreSQL', () => {
  let a: TestRelay;
  let b: Relay;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    a = await startTestRelay('postgres', { helpdeskFor: async () => desk.helpdesk });
    const url = (a.relay.db as unknown as { kind: string }).kind === 'postgres' ? await scratchUrlOf(a) : '';
    b = await startRelay(
      loadConfig({ PORT: '0', DATA_DIR: '/tmp/unused-b', MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', DATABASE_URL: url }),
      { log: pino({ level: 'silent' }), helpdeskFor: async () => desk.helpdesk, worker: { pollIntervalMs: 10, retryPolicy: fastRetry } },
    );
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('delivers every effect exactly once while both workers compete', async () => {
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        const res = await a.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
        ids.push(res.body.session.id);
      }),
    );
    // Customer messages arrive through both relays.
    await Promise.all(
      ids.flatMap((id, i) =>
        [1, 2, 3].map((n) =>
          fetch(`${n % 2 ? a.url : b.url}/v1/sessions/${id}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ id: `c${i}-${n}`, role: 'user', text: `line ${n}`, createdAt: new Date().toISOString() }),
          }).then((r) => expect(r.status).toBe(202)),
        ),
      ),
    );
    await waitFor('all delivered', async () => (await listDeliveries(a.relay.db, { status: 'pending', limit: 1 })).length === 0, 30_000);
    for (const id of ids) expect(desk.createCalls.get(id)).toBe(1);
    const accepted = a.receiver.received.filter((r) => r.type === 'handoff.accepted');
    expect(accepted).toHaveLength(60);
    const webhookIds = a.receiver.received.map((r) => r.id);
    expect(new Set(webhookIds).size).toBe(webhookIds.length);
    const delivered = await listDeliveries(a.relay.db, { status: 'delivered', limit: 10_000 });
    expect(delivered.length).toBeGreaterThanOrEqual(60 * 3);
    // Both workers took part.
    const byWorker = await a.relay.db.query<{ n: number }>(`SELECT count(DISTINCT locked_by)::int AS n FROM deliveries`);
    expect(byWorker.rows[0]!.n).toBe(2);
    for (const id of ids) {
      const lines = desk.ticketOf(id)!.comments.flatMap((c) => c.text.split('\n\n'));
      expect(lines.sort()).toEqual(['line 1', 'line 2', 'line 3']);
    }
  });
});

async function scratchUrlOf(t: TestRelay): Promise<string> {
  const { rows } = await t.relay.db.query<{ db: string }>('SELECT current_database() AS db');
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${rows[0]!.db}`;
  return url.toString();
}
