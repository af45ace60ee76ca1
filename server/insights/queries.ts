import type { Queryable } from '../db/database.js';
import type { Period } from './period.js';

/**
 * The SQL behind insights. Every query reads one tenant (optionally one AI agent) over a time range of
 * `sessions.created_at` or `conversations_seen.first_seen_at`, both indexed by (tenant_id, time), and
 * groups plain columns (migration 5), so a month of a big tenant is a range scan, not a table scan.
 */
export interface Scope {
  tenantId: string;
  agentId: string | null;
}

const IN_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2)`;

export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface SummaryCounts {
  handoffs: number;
  failed: number;
  returnedToAi: number;
  firstReply: DurationStats;
  solve: DurationStats;
}

const seconds = (column: string, p: number) =>
  `percentile_cont(${p}) WITHIN GROUP (ORDER BY extract(epoch FROM ${column} - created_at))`;

export async function summaryCounts(q: Queryable, scope: Scope, period: Period): Promise<SummaryCounts> {
  const { rows } = await q.query<Record<string, number | null>>(
    `SELECT count(*)::int AS handoffs,
            count(*) FILTER (WHERE state = 'failed')::int AS failed,
            count(returned_at)::int AS returned,
            count(first_reply_at)::int AS first_reply_count,
            ${seconds('first_reply_at', 0.5)} AS first_reply_median,
            ${seconds('first_reply_at', 0.9)} AS first_reply_p90,
            ${seconds('returned_at', 0.5)} AS solve_median,
            ${seconds('returned_at', 0.9)} AS solve_p90
       FROM sessions WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4`,
    [scope.tenantId, scope.agentId, period.from, period.to],
  );
  const r = rows[0]!;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
  return {
    handoffs: Number(r.handoffs),
    failed: Number(r.failed),
    returnedToAi: Number(r.returned),
    firstReply: { count: Number(r.first_reply_count), medianSeconds: num(r.first_reply_median), p90Seconds: num(r.first_reply_p90) },
    solve: { count: Number(r.returned), medianSeconds: num(r.solve_median), p90Seconds: num(r.solve_p90) },
  };
}

/**
 * Handoffs of the period whose customer (same AI agent, same end-user id) was handed off again within
 * 7 days. A semi-join on (agent, customer): on PostgreSQL a parallel hash join, about twice as fast as
 * sorting the month for a window function.
 */
export async function reescalatedCount(q: Queryable, scope: Scope, period: Period): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sessions a
      WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4 AND EXISTS (
        SELECT 1 FROM sessions b
         WHERE b.tenant_id = $1 AND b.created_at > $3 AND b.created_at < $4::timestamptz + interval '7 days'
           AND b.agent_id = a.agent_id AND b.customer_id = a.customer_id
           AND b.created_at > a.created_at AND b.created_at <= a.created_at + interval '7 days')`,
    [scope.tenantId, scope.agentId, period.from, period.to],
  );
  return Number(rows[0]!.n);
}

/** Handoffs and newly seen conversations per UTC bucket start (YYYY-MM-DD); empty buckets are absent. */
export async function countsPerBucket(
  q: Queryable,
  scope: Scope,
  period: Period,
  source: 'handoffs' | 'conversations',
): Promise<Map<string, number>> {
  const [table, time] = source === 'handoffs' ? ['sessions', 'created_at'] : ['conversations_seen', 'first_seen_at'];
  // date_bin on absolute time is a cheap per-row key (UTC days; weeks from a Monday); formatting happens per bucket.
  const { rows } = await q.query<{ bucket: string; n: number }>(
    `SELECT to_char(b AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS bucket, n FROM (
       SELECT date_bin($5::interval, ${time}, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS b, count(*)::int AS n
         FROM ${table} WHERE ${IN_SCOPE} AND ${time} >= $3 AND ${time} < $4 GROUP BY 1) x`,
    [scope.tenantId, scope.agentId, period.from, period.to, period.bucket === 'week' ? '7 days' : '1 day'],
  );
  return new Map(rows.map((r) => [r.bucket, Number(r.n)]));
}

export const DIMENSIONS = ['reason', 'rule', 'intent', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The column each dimension groups by; `(none)` stands for a missing value. */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  reason: 'reason_code',
  rule: 'rule_key',
  intent: 'intent',
  language: 'language',
};
export const NONE = '(none)';

export interface DimensionCount {
  dimension: Dimension;
  key: string;
  label: string;
  handoffs: number;
  previous: number;
}

/**
 * Handoffs per value of every dimension in this period and in the previous one. The rows are first
 * grouped by all four columns at once (one hash, and PostgreSQL can do it in parallel), and only those
 * few combinations go through GROUPING SETS: four hashes per row cost twice as much.
 */
export async function dimensionCounts(q: Queryable, scope: Scope, period: Period): Promise<DimensionCount[]> {
  const columns = DIMENSIONS.map((d) => DIMENSION_COLUMNS[d]);
  const which = DIMENSIONS.map((d) => `WHEN GROUPING(${DIMENSION_COLUMNS[d]}) = 0 THEN '${d}'`).join(' ');
  const value = DIMENSIONS.map((d) => `WHEN GROUPING(${DIMENSION_COLUMNS[d]}) = 0 THEN ${DIMENSION_COLUMNS[d]}`).join(' ');
  const { rows } = await q.query<{ dimension: Dimension; key: string | null; rule_label: string | null; handoffs: number; previous: number }>(
    `WITH combinations AS (
       SELECT ${columns.join(', ')}, max(rule_label) AS rule_label,
              count(*) FILTER (WHERE created_at >= $4) AS handoffs, count(*) FILTER (WHERE created_at < $4) AS previous
         FROM sessions WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $5
        GROUP BY ${columns.join(', ')})
     SELECT CASE ${which} END AS dimension, CASE ${value} END AS key, max(rule_label) AS rule_label,
            sum(handoffs)::int AS handoffs, sum(previous)::int AS previous
       FROM combinations GROUP BY GROUPING SETS (${columns.map((c) => `(${c})`).join(', ')})`,
    [scope.tenantId, scope.agentId, period.previousFrom, period.from, period.to],
  );
  return rows.map((r) => ({
    dimension: r.dimension,
    key: r.key ?? NONE,
    label: r.key === null ? NONE : r.dimension === 'rule' ? (r.rule_label ?? r.key) : r.key,
    handoffs: Number(r.handoffs),
    previous: Number(r.previous),
  }));
}

export interface Example {
  key: string;
  sessionId: string;
  ticketId: string | null;
  createdAt: Date;
  summary: string | null;
}

/** The latest handoffs with a ticket for each given value of a dimension: the transcripts behind a gap. */
export async function examples(
  q: Queryable,
  scope: Scope,
  period: Period,
  dimension: 'reason' | 'intent',
  keys: string[],
  perKey = 3,
): Promise<Example[]> {
  if (keys.length === 0) return [];
  const { rows } = await q.query<{ key: string; id: string; ticket_id: string | null; created_at: Date; summary: string | null }>(
    `SELECT k.key, s.id, s.ticket_id, s.created_at, s.summary
       FROM unnest($5::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT id, ticket_id, created_at, summary FROM sessions
          WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4
            AND ${DIMENSION_COLUMNS[dimension]} = k.key AND ticket_id IS NOT NULL
          ORDER BY created_at DESC LIMIT $6) s`,
    [scope.tenantId, scope.agentId, period.from, period.to, keys, perKey],
  );
  return rows.map((r) => ({ key: r.key, sessionId: r.id, ticketId: r.ticket_id, createdAt: r.created_at, summary: r.summary }));
}

export async function conversationsSeen(q: Queryable, scope: Scope, period: Period): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations_seen WHERE ${IN_SCOPE} AND first_seen_at >= $3 AND first_seen_at < $4`,
    [scope.tenantId, scope.agentId, period.from, period.to],
  );
  return Number(rows[0]!.n);
}
