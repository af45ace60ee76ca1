import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { createInsightsRoller } from './roller.js';

/** The background roller on a real (embedded) PostgreSQL: old days rolled once for every tenant, recent days left live. */
describe('insights roller', () => {
  let db: Database;
  const masterKey = Buffer.alloc(32, 7);
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
  });
  afterAll(() => db?.close());

  it('rolls up each tenant\'s counts once a day is a day old and the rest once it is a week old, once', async () => {
    const tenants = [await createTenant(db, { name: 'A' }), await createTenant(db, { name: 'B' })];
    const agent = await createAgent(db, masterKey, { tenantId: tenants[0]!.id, name: 'Bot' });
    const insert = (id: string, at: string, customer: string) =>
      db.query(
        `INSERT INTO sessions (id, tenant_id, agent_id, conversation_id, state, version, end_user, reason_code, priority, created_at)
         VALUES ($1, $2, $3, $1, 'returned', 3, $4, 'ai_unable', 'normal', $5)`,
        [id, tenants[0]!.id, agent.agentId, JSON.stringify({ id: customer, locale: 'de-AT' }), at],
      );
    await insert('s1', '2026-10-02T09:00:00Z', 'c1');
    await insert('s2', '2026-10-02T10:00:00Z', 'c2');
    await insert('s3', '2026-10-05T10:00:00Z', 'c1'); // c1 again within 7 days of s1
    await insert('s4', '2026-11-20T10:00:00Z', 'c3'); // counted on the 24th, but too recent to roll entirely
    await insert('s5', '2026-11-23T10:00:00Z', 'c4'); // too recent to roll at all

    const roller = createInsightsRoller({ db, log: pino({ level: 'silent' }), intervalMs: 0, now: () => new Date('2026-11-24T12:00:00Z') });
    // Tenant A from its first handoff's day (2 Oct) to the week-old line (16 Nov): counts and the rest, 45 days each;
    // then the week since, counts only. Tenant B has had no conversation: nothing to roll.
    expect(await roller.tick()).toBe(2 * 45 + 7);
    expect(await roller.tick()).toBe(0);
    const totals = await db.query<{ day: string; reescalated: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, reescalated FROM insights_daily_totals WHERE tenant_id = $1 ORDER BY day`,
      [tenants[0]!.id],
    );
    expect(totals.rows).toEqual([{ day: '2026-10-02', reescalated: 1 }, { day: '2026-10-05', reescalated: 0 }]);
    const quarters = await db.query<{ bin: Date; handoffs: number }>(`SELECT bin, handoffs FROM insights_quarter_hours WHERE tenant_id = $1 ORDER BY bin`, [tenants[0]!.id]);
    expect(quarters.rows.map((r) => [r.bin.toISOString(), r.handoffs])).toEqual([
      ['2026-10-02T09:00:00.000Z', 1], ['2026-10-02T10:00:00.000Z', 1], ['2026-10-05T10:00:00.000Z', 1], ['2026-11-20T10:00:00.000Z', 1],
    ]);
    const languages = await db.query<{ key: string; handoffs: number }>(`SELECT key, handoffs FROM insights_daily WHERE dimension = 'language' AND day = '2026-10-02'`);
    expect(languages.rows).toEqual([{ key: 'de', handoffs: 2 }]);
  });

  // A fresh install's first roll claimed the two years before its tenant's first conversation (1,464 empty days and
  // 7 more per tenant) and logged "insights rolled up" with days: 1471.
  it('rolls nothing for a tenant without conversations, and starts at the day of its first one', async () => {
    const tenant = await createTenant(db, { name: 'New' });
    const agent = await createAgent(db, masterKey, { tenantId: tenant.id, name: 'Bot' });
    const now = new Date('2026-11-24T12:00:00Z');
    const roller = createInsightsRoller({ db, log: pino({ level: 'silent' }), intervalMs: 0, now: () => now });
    const claimed = async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM insights_counted_days WHERE tenant_id = $1) + (SELECT count(*) FROM insights_rolled_days WHERE tenant_id = $1) AS n`,
        [tenant.id],
      );
      return Number(rows[0]!.n);
    };
    await roller.tick();
    expect(await claimed()).toBe(0);
    // A conversation seen on 20 Nov (no handoff): its day's counts are final on the 21st, the rest waits a week.
    await db.query(`INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at) VALUES ($1, 'c1', $2, '2026-11-20T08:00:00Z')`, [agent.agentId, tenant.id]);
    await roller.tick();
    expect(await claimed()).toBe(3); // 20, 21 and 22 Nov counted; none a week old yet
  });
});
