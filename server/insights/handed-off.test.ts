import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { recordConversationSeen } from '../store/conversations-seen.js';
import { relinkHandoffs } from '../store/handoff-links.js';
import { insertSession } from '../store/sessions.js';
import { BACKENDS, openSuiteDatabase, warnIfPostgresSkipped } from '../test/backends.js';
import { CARRIED, handedOffConversations, readHandedOff } from './handed-off.js';
import { ensureRollups } from './rollups.js';
import type { Range, Scope } from './queries.js';

const DAY_MS = 86_400_000;
warnIfPostgresSkipped('handed-off.test.ts');

/** The definition, as the rate was computed before handoffs noted their links: distinct conversations, joined to their first sighting. */
async function exactHandedOff(q: Queryable, scope: Scope, [from, to]: Range) {
  const { rows } = await q.query<{ handed_off: number; seen_outside: number }>(
    `SELECT count(*)::int AS handed_off, count(*) FILTER (WHERE seen.first_seen_at IS NULL)::int AS seen_outside
       FROM (SELECT DISTINCT agent_id, conversation_id FROM sessions
              WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $3 AND created_at < $4) handed
       LEFT JOIN (SELECT agent_id, conversation_id, first_seen_at FROM conversations_seen
                   WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND first_seen_at >= $3 AND first_seen_at < $4) seen
         ON seen.agent_id = handed.agent_id AND seen.conversation_id = handed.conversation_id`,
    [scope.tenantId, scope.agentId, from, to],
  );
  return { handedOff: Number(rows[0]!.handed_off), seenOutside: Number(rows[0]!.seen_outside) };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe.each(BACKENDS)('handed-off conversations on %s', (backend) => {
  let db: Database;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ db, close } = await openSuiteDatabase(backend));
  });
  afterAll(async () => {
    await close?.();
  });

  it('a new handoff notes its conversation’s previous handoff and first sighting, as the migration derives them', async () => {
    const tenant = await createTenant(db, { name: 'W' });
    const agent = await createAgent(db, Buffer.alloc(32, 7), { tenantId: tenant.id, name: 'Bot' });
    const seenAt = new Date(Date.now() - 40 * DAY_MS);
    await db.query(`INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at) VALUES ($1, 'old', $2, $3)`, [agent.agentId, tenant.id, seenAt]);
    const handOff = (id: string, conversationId: string) =>
      db.transaction(async (tx) => {
        await recordConversationSeen(tx, { tenantId: tenant.id, agentId: agent.agentId, conversationId });
        return insertSession(tx, {
          id, tenantId: tenant.id, agentId: agent.agentId, conversationId, endUser: { id: 'c' }, reasonCode: 'customer_request', reasonText: null,
          summary: null, priority: 'normal', tags: [], metadata: {}, signals: {}, routing: {}, rule: null, triggerName: null, handoffMessage: null, previousSessionId: null,
        });
      });
    const first = await handOff('ses_w1', 'old');
    await db.query(`UPDATE sessions SET state = 'returned' WHERE id = 'ses_w1'`); // one open session per conversation
    await handOff('ses_w2', 'old');
    await handOff('ses_w3', 'new');
    const links = async () =>
      (await db.query<{ id: string; previous_handoff_at: Date | null; conversation_seen_at: Date | null }>(
        `SELECT id, previous_handoff_at, conversation_seen_at FROM sessions WHERE tenant_id = $1 ORDER BY id`, [tenant.id])).rows;
    const written = await links();
    expect(written[0]).toMatchObject({ previous_handoff_at: null, conversation_seen_at: seenAt });
    expect(written[1]).toMatchObject({ previous_handoff_at: first.createdAt, conversation_seen_at: seenAt });
    expect(written[2]!.previous_handoff_at).toBeNull();
    expect(written[2]!.conversation_seen_at).not.toBeNull();
    await relinkHandoffs(db, tenant.id);
    expect(await links()).toEqual(written);
  });

  it('gives the exact figures for any period and scope: repeat handoffs, boundaries, sightings before, after or missing', async () => {
    const tenant = await createTenant(db, { name: 'R' });
    const agents = [
      (await createAgent(db, Buffer.alloc(32, 7), { tenantId: tenant.id, name: 'A' })).agentId,
      (await createAgent(db, Buffer.alloc(32, 7), { tenantId: tenant.id, name: 'B' })).agentId,
    ];
    const next = random(16);
    const start = Date.UTC(2026, 6, 1);
    const at = (ms: number) => new Date(Math.round(ms / 1000) * 1000); // whole seconds, so handoffs tie now and then
    const times: number[] = [];
    for (let c = 0; c < 120; c++) {
      // Both agents talk in conversation "c7": one conversation each (the rate is per AI agent and conversation).
      const agentId = agents[c < 60 ? 0 : 1]!;
      const conversationId = `c${c % 60}`;
      let t = start + next() * 60 * DAY_MS;
      const handoffs = 1 + Math.floor(next() * 4);
      const firstHandoff = t;
      for (let h = 0; h < handoffs; h++) {
        await db.query(
          `INSERT INTO sessions (id, tenant_id, agent_id, conversation_id, state, version, end_user, reason_code, priority, created_at)
           VALUES ($1, $2, $3, $4, 'returned', 3, '{"id":"c"}', 'ai_unable', 'normal', $5)`,
          [`ses_${c}_${h}`, tenant.id, agentId, conversationId, at(t)],
        );
        times.push(at(t).getTime());
        // Again within minutes, days or weeks (a tie with the previous one now and then).
        t += next() < 0.1 ? 0 : next() * [600_000, 3 * DAY_MS, 20 * DAY_MS][Math.floor(next() * 3)]!;
      }
      const sighting = next();
      // Seen weeks before, minutes before or at the first handoff; a few never recorded, or recorded later (both only by hand).
      if (sighting > 0.05) {
        const seen = sighting < 0.1 ? firstHandoff + DAY_MS : sighting < 0.4 ? firstHandoff - next() * 30 * DAY_MS : sighting < 0.7 ? firstHandoff : firstHandoff - next() * 3_600_000;
        await db.query(`INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at) VALUES ($1, $2, $3, $4)`, [agentId, conversationId, tenant.id, at(seen)]);
      }
    }
    await relinkHandoffs(db, tenant.id);

    const periods: Range[] = [];
    for (let i = 0; i < 40; i++) {
      const from = start + next() * 50 * DAY_MS;
      periods.push([at(from), at(from + (1 + next() * 30) * DAY_MS)]);
    }
    // Bounds exactly on a handoff: [from, to) takes it at `from` and leaves it at `to`.
    for (let i = 0; i < 10; i++) periods.push([new Date(times[i * 7]!), new Date(times[i * 7 + 3]! + DAY_MS)], [new Date(times[i * 5]! - 5 * DAY_MS), new Date(times[i * 5]!)]);
    periods.push([new Date(start - DAY_MS), new Date(start + 200 * DAY_MS)]);

    // Every day rolled up; reports read them as rolled before one of these instants (the rest of the period live).
    await ensureRollups(db, tenant.id, [new Date(start - 10 * DAY_MS), new Date(start + 200 * DAY_MS)]);
    const rollables = [new Date(start + 200 * DAY_MS), new Date(start + 25 * DAY_MS), new Date(start)];

    let repeated = 0;
    for (const range of periods) {
      for (const agentId of [null, ...agents]) {
        const scope = { tenantId: tenant.id, agentId };
        const exact = await exactHandedOff(db, scope, range);
        const label = `${range[0].toISOString()}…${range[1].toISOString()} ${agentId}`;
        expect(await handedOffConversations(db, scope, range), label).toEqual(exact);
        for (const rollable of rollables) expect(await readHandedOff(db, scope, range, rollable, 0), `${label}, rolled before ${rollable.toISOString()}`).toEqual(exact); // rolled days even for short periods
        const handoffs = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM sessions WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $3 AND created_at < $4`,
          [tenant.id, agentId, range[0], range[1]]);
        if (Number(handoffs.rows[0]!.n) > exact.handedOff) repeated++;
      }
    }
    // The seed did what it is for: conversations handed off more than once within a period, and both kinds of rolled handoffs.
    expect(repeated).toBeGreaterThan(20);
    const kinds = await db.query<{ carried: number; settled: number }>(
      `SELECT count(*) FILTER (WHERE ${CARRIED})::int AS carried, count(*) FILTER (WHERE NOT ${CARRIED})::int AS settled FROM sessions WHERE tenant_id = $1`, [tenant.id]);
    expect(kinds.rows[0]!.carried).toBeGreaterThan(20);
    expect(kinds.rows[0]!.settled).toBeGreaterThan(20);
  });
});
