import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../core/secrets.js';
import type { Database, Queryable } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { HandoffRequestSchema } from '../http/schemas.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { createHandoff, type Caller } from '../relay/handoffs.js';
import { getSessionDetail } from '../relay/sessions.js';
import { createScratchDatabase, POSTGRES_URL, warnIfPostgresSkipped } from './backends.js';
import { TEST_MASTER_KEY } from './harness.js';

warnIfPostgresSkipped('session-detail.test.ts');

/**
 * `GET /v1/sessions/{id}` answers from one snapshot. On PostgreSQL another relay's commit can land between
 * the session's read and its transcript's: here it is forced to, right after the first read.
 */
describe.runIf(POSTGRES_URL !== undefined)('a session read on PostgreSQL', () => {
  let db: Database;
  let url: string;
  let drop = async () => {};
  let caller: Caller;
  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    ({ url, drop } = scratch);
    db = await openDatabase({ databaseUrl: url, dataDir: undefined });
    const tenant = await createTenant(db, { name: 'Acme' });
    const agent = await createAgent(db, parseMasterKey(TEST_MASTER_KEY), { tenantId: tenant.id, name: 'Bot' });
    caller = { tenantId: tenant.id, agentId: agent.agentId };
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });

  it('never shows a message committed after the state it shows', async () => {
    const req = HandoffRequestSchema.parse({
      conversationId: 'c-1',
      endUser: { id: 'u-1' },
      transcript: [{ id: 'm1', role: 'user', text: 'help', createdAt: '2026-11-24T10:00:00Z' }],
      reason: { code: 'customer_request' },
    });
    const sessionId = (await createHandoff(db, caller, 'k-1', req)).body.session.id;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    // Another writer moves the session and adds a line in one transaction, just after the session row was read.
    let written = false;
    const writeAfterFirstRead = async () => {
      if (written) return;
      written = true;
      await other.query('BEGIN');
      await other.query(`UPDATE sessions SET state = 'human', version = version + 1, message_count = message_count + 1 WHERE id = $1`, [sessionId]);
      await other.query(
        `INSERT INTO messages (session_id, seq, message_id, role, text, source, created_at)
         SELECT id, message_count, 'zd-1', 'agent', 'On it', 'helpdesk', now() FROM sessions WHERE id = $1`,
        [sessionId],
      );
      await other.query('COMMIT');
    };
    const after = (q: Queryable): Queryable => ({
      query: async <R,>(text: string, params?: readonly unknown[]) => {
        const result = await q.query<R>(text, params);
        if (/FROM sessions/.test(text)) await writeAfterFirstRead();
        return result;
      },
    });
    const observed: Database = { ...db, query: after(db).query, transaction: (fn) => db.transaction((tx) => fn(after(tx))) };
    try {
      const view = await getSessionDetail(observed, caller, sessionId);
      expect(written).toBe(true);
      // Either both changes or neither: never a reply under a state from before it.
      const hasReply = view!.transcript!.some((m) => m.role === 'agent');
      expect({ state: view!.state, hasReply }).toEqual({ state: 'pending', hasReply: false });
      const again = await getSessionDetail(db, caller, sessionId);
      expect({ state: again!.state, hasReply: again!.transcript!.some((m) => m.role === 'agent') }).toEqual({ state: 'human', hasReply: true });
    } finally {
      await other.end();
    }
  });
});
