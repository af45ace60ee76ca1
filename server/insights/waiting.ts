import type { Queryable } from '../db/database.js';
import type { DurationStats, Scope } from './queries.js';

type Range = [Date, Date];

/** How long customers waited for a first human reply, by whether the handoff came in business hours, and how often the waiting timers fired. */
export interface WaitingInsights {
  /** Handoffs accepted within business hours (a schedule applied and was open). */
  firstReplyWithinHours: DurationStats;
  /** Handoffs accepted outside business hours: the wait includes the closed hours. */
  firstReplyOutsideHours: DurationStats;
  /** Handoffs without business hours (no schedule, or switched off) are in neither split. */
  timeouts: { noAgent: number; agentSilent: number };
}

/**
 * Read live from `session_waiting` (one row per accepted handoff, since the waiting features exist):
 * first replies keep arriving for days, like the other outcomes.
 */
export async function waitingInsights(q: Queryable, scope: Scope, [from, to]: Range): Promise<WaitingInsights> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT count(first_reply_at) FILTER (WHERE within_business_hours)::int AS within_n,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - accepted_at))
              FILTER (WHERE within_business_hours AND first_reply_at IS NOT NULL) AS within_p,
            count(first_reply_at) FILTER (WHERE within_business_hours = false)::int AS outside_n,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - accepted_at))
              FILTER (WHERE within_business_hours = false AND first_reply_at IS NOT NULL) AS outside_p,
            count(no_agent_fired_at)::int AS no_agent,
            COALESCE(sum(agent_silent_count), 0)::int AS agent_silent
       FROM session_waiting
      WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND accepted_at >= $3 AND accepted_at < $4`,
    [scope.tenantId, scope.agentId, from, to],
  );
  const r = rows[0] ?? {};
  const stats = (n: unknown, p: unknown): DurationStats => {
    const values = (p as number[] | null) ?? null;
    return { count: Number(n ?? 0), medianSeconds: round(values?.[0]), p90Seconds: round(values?.[1]) };
  };
  return {
    firstReplyWithinHours: stats(r.within_n, r.within_p),
    firstReplyOutsideHours: stats(r.outside_n, r.outside_p),
    timeouts: { noAgent: Number(r.no_agent ?? 0), agentSilent: Number(r.agent_silent ?? 0) },
  };
}

const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
