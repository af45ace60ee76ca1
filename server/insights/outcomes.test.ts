import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { RELATIVE_ERROR } from './histogram.js';
import { readOutcomes } from './outcomes.js';
import { rollableBefore } from './period.js';
import { outcomes } from './queries.js';
import { ensureRollups } from './rollups.js';

/**
 * Outcomes keep arriving after a day is rolled up: a reply or solve stamped after the roll (by the transition,
 * with `state_changed_at`) must count once, next to what the rollup holds, on a real (embedded) PostgreSQL.
 */
describe('outcomes of rolled-up days', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
  });
  afterAll(() => db?.close());

  it('counts milestones reached after the roll exactly, and reads percentiles within the histogram bound', async () => {
    const tenant = await createTenant(db, { name: 'A' });
    const agent = await createAgent(db, Buffer.alloc(32, 7), { tenantId: tenant.id, name: 'Bot' });
    const now = new Date();
    const day = new Date(rollableBefore(now).getTime() - 5 * 86_400_000); // a whole UTC day well over a week old
    const at = (minutes: number) => new Date(day.getTime() + 3_600_000 + minutes * 60_000);
    const insert = (id: string, state: string, replyAfterMinutes: number | null) =>
      db.query(
        `INSERT INTO sessions (id, tenant_id, agent_id, conversation_id, state, version, end_user, reason_code, priority, created_at, state_changed_at, first_reply_at)
         VALUES ($1, $2, $3, $1, $4, 3, '{"id":"c"}', 'ai_unable', 'normal', $5, $5, $6)`,
        [id, tenant.id, agent.agentId, state, at(0), replyAfterMinutes === null ? null : at(replyAfterMinutes)],
      );
    await insert('s1', 'human', 10);
    await insert('s2', 'human', 20);
    await insert('s3', 'waiting', null);
    await insert('s4', 'pending', null);
    const scope = { tenantId: tenant.id, agentId: null };
    const range = [day, new Date(day.getTime() + 86_400_000)] as const;
    await ensureRollups(db, tenant.id, [range[0], range[1]]);

    // After the roll: s3 gets its first reply and s4 fails, stamped as recordTransition stamps them.
    await db.query(`UPDATE sessions SET state = 'human', state_changed_at = now(), first_reply_at = now() WHERE id = 's3'`);
    await db.query(`UPDATE sessions SET state = 'failed', state_changed_at = now() WHERE id = 's4'`);

    const rolled = await readOutcomes(db, scope, [range[0], range[1]], rollableBefore(now), 0); // histograms even for one day
    const live = await outcomes(db, scope, [range[0], range[1]]);
    expect({ handoffs: rolled.handoffs, failed: rolled.failed, replies: rolled.firstReply.count }).toEqual({ handoffs: 4, failed: 1, replies: 3 });
    expect({ handoffs: live.handoffs, failed: live.failed, replies: live.firstReply.count }).toEqual({ handoffs: 4, failed: 1, replies: 3 });
    for (const key of ['medianSeconds', 'p90Seconds'] as const) {
      expect(Math.abs(rolled.firstReply[key]! - live.firstReply[key]!)).toBeLessThanOrEqual(live.firstReply[key]! * RELATIVE_ERROR + 0.0005);
    }
  });
});
