import type { Queryable } from '../db/database.js';
import { splitForRollups } from './period.js';
import type { Range, Scope } from './queries.js';

/**
 * The handoff rate's parts: conversations handed off in the period, each once however often it was handed off,
 * and how many of them were first seen outside it (a conversation that began before the period). Adding those to
 * the conversations first seen in the period keeps the rate a share of conversations: never above 100 %.
 *
 * Every handoff notes when its conversation was handed off before and first seen (store/handoff-links.ts), so
 * "each once" needs no DISTINCT: a conversation's first handoff in the period is the one whose previous handoff
 * is before the period (or that has none), and exactly one of its handoffs in the period is. Whether it was
 * first seen outside the period is read from that same row.
 */
export interface HandedOff {
  handedOff: number;
  seenOutside: number;
}

/** The first handoff of its conversation within the period [$3, $4). */
const FIRST_IN_PERIOD = `(previous_handoff_at IS NULL OR previous_handoff_at < $3)`;
/** Its conversation has no first sighting inside the period (as a LEFT JOIN to `conversations_seen` would say). */
const SEEN_OUTSIDE = `(conversation_seen_at IS NULL OR conversation_seen_at < $3 OR conversation_seen_at >= $4)`;

/**
 * Whole days inside a period settle most handoffs without knowing the period: a handoff whose conversation was
 * handed off earlier the same UTC day is never the first in the period, and a first-ever handoff of a conversation
 * first seen earlier that day counts as handed off and seen inside. The daily rollups count the latter
 * (`insights_daily_first_handoffs`, rolled once the day is a day old: period.ts `countableBefore`); every other
 * handoff of such a day ("carried": its conversation goes back to an earlier day) is read live, from a partial index on exactly this expression (migration 15).
 */
const DAY_START = `date_trunc('day', created_at AT TIME ZONE 'UTC')`;
export const SETTLED_FIRST = `(previous_handoff_at IS NULL AND conversation_seen_at IS NOT NULL AND (conversation_seen_at AT TIME ZONE 'UTC') >= ${DAY_START} AND conversation_seen_at <= created_at)`;
const SETTLED_LATER = `(previous_handoff_at IS NOT NULL AND (previous_handoff_at AT TIME ZONE 'UTC') >= ${DAY_START})`;
export const CARRIED = `NOT (${SETTLED_FIRST} OR ${SETTLED_LATER})`;

/**
 * Below this many counted days, one pass over the period's rows costs less than the rolled days' carried handoffs
 * read from their partial index plus the rollups (bench/insights.ts on 1,000,000 sessions, loaded 2-core box: 30 days
 * 32–84 ms in one pass against 68–199 ms; 90 days 71–100 against 155–203 ms; 180 days 193–214 against 87–109 ms).
 * Both are exact.
 */
export const RATE_FROM_ROLLED_DAYS = 120;

/**
 * Exact for any period: the counted days' settled handoffs from the rollups, their carried ones and the rest of the
 * period live. `countable`: the midnight before which days' counts are rolled (period.ts `countableBefore`).
 */
export async function readHandedOff(q: Queryable, scope: Scope, period: Range, countable: Date, minRolledDays = RATE_FROM_ROLLED_DAYS): Promise<HandedOff> {
  const { rolled, live } = splitForRollups(period[0], period[1], countable);
  if (!rolled || rolled[1].getTime() - rolled[0].getTime() < minRolledDays * 86_400_000) return handedOffConversations(q, scope, period);
  const result = await countLive(q, scope, period, rolled, CARRIED);
  result.handedOff += await rolledFirstHandoffs(q, scope, rolled);
  for (const range of live) {
    const part = await countLive(q, scope, period, range);
    result.handedOff += part.handedOff;
    result.seenOutside += part.seenOutside;
  }
  return result;
}

/** Every handoff of the period read live: one pass over a covering index. */
export function handedOffConversations(q: Queryable, scope: Scope, period: Range): Promise<HandedOff> {
  return countLive(q, scope, period, period);
}

async function countLive(q: Queryable, scope: Scope, [from, to]: Range, [rangeFrom, rangeTo]: Range, only?: string): Promise<HandedOff> {
  const { rows } = await q.query<{ handed_off: number; seen_outside: number }>(
    `SELECT count(*) FILTER (WHERE ${FIRST_IN_PERIOD})::int AS handed_off,
            count(*) FILTER (WHERE ${FIRST_IN_PERIOD} AND ${SEEN_OUTSIDE})::int AS seen_outside
       FROM sessions WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $5 AND created_at < $6
        ${only ? `AND ${only}` : ''}`,
    [scope.tenantId, scope.agentId, from, to, rangeFrom, rangeTo],
  );
  return { handedOff: Number(rows[0]!.handed_off), seenOutside: Number(rows[0]!.seen_outside) };
}

async function rolledFirstHandoffs(q: Queryable, scope: Scope, [from, to]: Range): Promise<number> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const { rows } = await q.query<{ n: number | null }>(
    `SELECT sum(first_handoffs)::int AS n FROM insights_daily_first_handoffs
      WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND day >= $3::date AND day < $4::date`,
    [scope.tenantId, scope.agentId, day(from), day(to)],
  );
  return Number(rows[0]!.n ?? 0);
}
