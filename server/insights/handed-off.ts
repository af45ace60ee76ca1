import type { Queryable } from '../db/database.js';
import type { Range, Scope } from './queries.js';

/**
 * The handoff rate's parts: conversations handed off in the period, each once however often it was handed off,
 * and how many of them were first seen outside it (a conversation that began before the period). Adding those to
 * the conversations first seen in the period keeps the rate a share of conversations: never above 100 %.
 *
 * Every handoff notes when its conversation was handed off before and first seen (store/handoff-links.ts), so
 * "each once" needs no DISTINCT: a conversation's first handoff in the period is the one whose previous handoff
 * is before the period (or that has none), and exactly one of its handoffs in the period is. Whether it was
 * first seen outside the period is read from that same row. One pass over a covering index.
 */
export interface HandedOff {
  handedOff: number;
  seenOutside: number;
}

const IN_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2)`;
/** The first handoff of its conversation within the period [$3, $4). */
const FIRST_IN_PERIOD = `(previous_handoff_at IS NULL OR previous_handoff_at < $3)`;
/** Its conversation has no first sighting inside the period (as the LEFT JOIN to `conversations_seen` would say). */
const SEEN_OUTSIDE = `(conversation_seen_at IS NULL OR conversation_seen_at < $3 OR conversation_seen_at >= $4)`;

export async function handedOffConversations(q: Queryable, scope: Scope, [from, to]: Range): Promise<HandedOff> {
  const { rows } = await q.query<{ handed_off: number; seen_outside: number }>(
    `SELECT count(*) FILTER (WHERE ${FIRST_IN_PERIOD})::int AS handed_off,
            count(*) FILTER (WHERE ${FIRST_IN_PERIOD} AND ${SEEN_OUTSIDE})::int AS seen_outside
       FROM sessions WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4`,
    [scope.tenantId, scope.agentId, from, to],
  );
  return { handedOff: Number(rows[0]!.handed_off), seenOutside: Number(rows[0]!.seen_outside) };
}
