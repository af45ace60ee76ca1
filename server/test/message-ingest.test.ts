import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { HandoffRequestSchema, type PostMessageRequest } from '../http/schemas.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { createHandoff, type Caller } from '../relay/handoffs.js';
import { createMessageIngest } from '../relay/message-ingest.js';
import { listMessages } from '../store/messages.js';
import { BACKENDS, createScratchDatabase, warnIfPostgresSkipped } from './backends.js';
import { TEST_MASTER_KEY } from './harness.js';

warnIfPostgresSkipped('message-ingest.test.ts');

/**
 * Group commit under concurrency: on PostgreSQL several batches are in flight at once, and a session's
 * messages must still get their seqs in the order they were submitted, each exactly once.
 */
describe.each(BACKENDS)('group-committed message ingest on %s', (backend) => {
  let db: Database;
  let drop = async () => {};
  let url: string | undefined;
  let caller: Caller;
  const sessions: string[] = [];
  beforeAll(async () => {
    const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
    if (scratch) drop = scratch.drop;
    url = scratch?.url;
    db = await openDatabase({ databaseUrl: url, dataDir: undefined });
    const tenant = await createTenant(db, { name: 'Acme' });
    const agent = await createAgent(db, parseMasterKey(TEST_MASTER_KEY), { tenantId: tenant.id, name: 'Bot' });
    caller = { tenantId: tenant.id, agentId: agent.agentId };
    for (let i = 0; i < 3; i++) {
      const req = HandoffRequestSchema.parse({
        conversationId: `c-${i}`,
        endUser: { id: `u-${i}` },
        transcript: [{ id: 'm1', role: 'user', text: 'help', createdAt: '2026-11-24T10:00:00Z' }],
        reason: { code: 'customer_request' },
      });
      sessions.push((await createHandoff(db, caller, `k-${i}`, req)).body.session.id);
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });

  it('numbers each session’s lines in submission order across concurrent batches, duplicates once', async () => {
    let transactions = 0;
    const ingest = createMessageIngest({ ...db, transaction: (fn) => (transactions++, db.transaction(fn)) });
    const line = (i: number): PostMessageRequest => ({ id: `l-${i}`, role: 'user', text: `line ${i}`, createdAt: '2026-11-24T10:05:00Z', attachments: [] });
    const submitted: Array<{ sessionId: string; id: string; answer: Promise<{ status: number; body: { message: { seq: number } } }> }> = [];
    // Waves that arrive while earlier batches commit, spread over three sessions, each wave retrying one line.
    for (let wave = 0; wave < 8; wave++) {
      for (let i = wave * 30; i < wave * 30 + 30; i++) {
        const sessionId = sessions[i % 3]!;
        submitted.push({ sessionId, id: `l-${i}`, answer: ingest.submit(caller, sessionId, line(i)) });
      }
      const retry = wave * 30;
      submitted.push({ sessionId: sessions[retry % 3]!, id: `l-${retry}`, answer: ingest.submit(caller, sessions[retry % 3]!, line(retry)) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const answers = await Promise.all(submitted.map((s) => s.answer));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(8);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(240);
    for (const sessionId of sessions) {
      const stored = await listMessages(db, sessionId);
      const lines = stored.filter((m) => m.messageId.startsWith('l-'));
      const inOrder = submitted.filter((s, i) => s.sessionId === sessionId && submitted.findIndex((t) => t.id === s.id) === i).map((s) => s.id);
      expect(lines.map((m) => m.messageId)).toEqual(inOrder);
      expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    }
    // Each retry was told where the first copy went.
    for (const s of submitted) {
      const first = submitted.find((t) => t.id === s.id)!;
      expect((await s.answer).body.message.seq).toBe((await first.answer).body.message.seq);
    }
    // Group-committed: a few transactions per wave, not one per line (a failing batch statement falls back to that).
    expect(transactions).toBeLessThan(60);
  });

  // Another relay on the same PostgreSQL commits a platform's retry of a message while this relay's batch, holding
  // the same message and more of that session's lines, waits for the session's lock.
  it.runIf(backend === 'postgres')('answers a copy another relay committed while the batch waited as a duplicate, in one transaction, lines in order', async () => {
    const sessionId = sessions[0]!;
    let transactions = 0;
    const counted: Database = { ...db, transaction: (fn) => (transactions++, db.transaction(fn)) };
    const ingest = createMessageIngest(counted);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
      const line = (id: string): PostMessageRequest => ({ id, role: 'user', text: `text of ${id}`, createdAt: '2026-11-24T10:06:00Z', attachments: [] });
      const ids = ['retried', ...Array.from({ length: 10 }, (_, i) => `after-${i}`)];
      const answers = ids.map((id) => ingest.submit(caller, sessionId, line(id)));
      await untilWaitingForALock(other);
      const { rows: [copy] } = await other.query<{ seq: number }>(
        `WITH c AS (UPDATE sessions SET message_count = message_count + 1 WHERE id = $1 RETURNING message_count)
         INSERT INTO messages (session_id, seq, message_id, role, text, source, created_at)
         SELECT $1, c.message_count, 'retried', 'user', 'text of retried', 'platform', now() FROM c RETURNING seq`,
        [sessionId],
      );
      await other.query('COMMIT');
      const settled = await Promise.all(answers);
      expect(settled[0]).toMatchObject({ status: 200, body: { duplicate: true, message: { seq: copy!.seq } } });
      expect(settled.slice(1).map((a) => [a.status, a.body.message.seq])).toEqual(ids.slice(1).map((_, i) => [202, copy!.seq + 1 + i]));
      const stored = (await listMessages(db, sessionId)).filter((m) => m.seq >= copy!.seq).map((m) => m.messageId);
      expect(stored).toEqual(ids);
      // The burst committed as one batch: not rolled back on the copy and retried a message at a time.
      expect(transactions).toBe(1);
    } finally {
      await other.end();
    }
  });

  // The ticket's creation commits (the session becomes a person's, its waiting row appears) while a customer's line
  // waits for the session's lock: the line starts the agent-silent clock, though the row is newer than its snapshot.
  it.runIf(backend === 'postgres')('a customer line that waited for the ticket’s creation starts the agent-silent clock', async () => {
    const sessionId = sessions[1]!;
    const ingest = createMessageIngest(db);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
      const answer = ingest.submit(caller, sessionId, { id: 'while-created', role: 'user', text: 'anyone there?', createdAt: '2026-11-24T10:07:00Z', attachments: [] });
      await untilWaitingForALock(other);
      await other.query(`UPDATE sessions SET state = 'human', version = version + 1 WHERE id = $1`, [sessionId]);
      await other.query(
        `INSERT INTO session_waiting (session_id, tenant_id, agent_id, policy, accepted_at, hour_of_week)
         VALUES ($1, $2, $3, $4, now(), 0)`,
        [sessionId, caller.tenantId, caller.agentId, JSON.stringify({ agentSilent: { minutes: 10 }, schedule: null })],
      );
      await other.query('COMMIT');
      expect(await answer).toMatchObject({ status: 202 });
      const { rows } = await db.query<{ agent_silent_due_at: Date | null }>('SELECT agent_silent_due_at FROM session_waiting WHERE session_id = $1', [sessionId]);
      expect(rows[0]?.agent_silent_due_at).not.toBeNull();
    } finally {
      await other.end();
    }
  });
});

/** Until a statement of this database waits for a row lock (the batch queued behind `other`'s transaction). */
async function untilWaitingForALock(other: pg.Client): Promise<void> {
  for (const deadline = Date.now() + 60_000; ;) {
    const { rows } = await other.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error('the batch never waited for the lock');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
