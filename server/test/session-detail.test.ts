import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../core/secrets.js';
import type { Database, Queryable } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { HandoffRequestSchema } from '../http/schemas.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { createHandoff, type Caller } from '../relay/handoffs.js';
import { getSessionDetail } from '../relay/sessions.js';
import { readAppSessionView } from '../app-api/app-view.js';
import { findSession } from '../store/sessions.js';
import { createScratchDatabase, POSTGRES_URL, warnIfPostgresSkipped } from './backends.js';
import { TEST_MASTER_KEY } from './harness.js';

warnIfPostgresSkipped('session-detail.test.ts');

/**
 * `GET /v1/sessions/{id}` and the sidebar's view answer from one snapshot. On PostgreSQL another relay's commit can land between
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

  /** A session, and a database on which another writer moves it to `human` and adds an agent's line, in one
   *  transaction, just after the session row is first read. */
  async function racedSession(conversationId: string) {
    const req = HandoffRequestSchema.parse({
      conversationId,
      endUser: { id: `u-${conversationId}` },
      transcript: [{ id: 'm1', role: 'user', text: 'help', createdAt: '2026-11-24T10:00:00Z' }],
      reason: { code: 'customer_request' },
    });
    const session = (await createHandoff(db, caller, `k-${conversationId}`, req)).body.session;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const race = { written: false, end: () => other.end() };
    const writeAfterFirstRead = async () => {
      if (race.written) return;
      race.written = true;
      await other.query('BEGIN');
      await other.query(`UPDATE sessions SET state = 'human', version = version + 1, message_count = message_count + 1 WHERE id = $1`, [session.id]);
      await other.query(
        `INSERT INTO messages (session_id, seq, message_id, role, text, source, created_at)
         SELECT id, message_count, 'zd-1', 'agent', 'On it', 'helpdesk', now() FROM sessions WHERE id = $1`,
        [session.id],
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
    return { sessionId: session.id, observed, race };
  }

  it('never shows a message committed after the state it shows', async () => {
    const { sessionId, observed, race } = await racedSession('c-1');
    try {
      const view = await getSessionDetail(observed, caller, sessionId);
      expect(race.written).toBe(true);
      // Either both changes or neither: never a reply under a state from before it.
      const hasReply = view!.transcript!.some((m) => m.role === 'agent');
      expect({ state: view!.state, hasReply }).toEqual({ state: 'pending', hasReply: false });
      const again = await getSessionDetail(db, caller, sessionId);
      expect({ state: again!.state, hasReply: again!.transcript!.some((m) => m.role === 'agent') }).toEqual({ state: 'human', hasReply: true });
    } finally {
      await race.end();
    }
  });

  it('shows the sidebar a state and its transcript from the same moment', async () => {
    const { sessionId, observed, race } = await racedSession('c-2');
    try {
      const view = await readAppSessionView(observed, (q) => findSession(q, sessionId, { tenantId: caller.tenantId }), { window: 24 });
      expect(race.written).toBe(true);
      expect({ state: view!.state, hasReply: view!.messages.some((m) => m.role === 'agent') }).toEqual({ state: 'pending', hasReply: false });
      const again = await readAppSessionView(db, (q) => findSession(q, sessionId, { tenantId: caller.tenantId }), { window: 24 });
      expect({ state: again!.state, hasReply: again!.messages.some((m) => m.role === 'agent') }).toEqual({ state: 'human', hasReply: true });
    } finally {
      await race.end();
    }
  });
});
