import type { Queryable } from '../db/database.js';

/**
 * The SQL behind insights over the live rows. Every query reads one tenant (optionally one AI agent)
 * over a range [from, to) of `sessions.created_at` or `conversations_seen.first_seen_at`, both covered
 * by (tenant_id, time) indexes, and groups plain columns (migration 5). Whole days older than a week
 * come from the daily rollups instead (rollups.ts); these queries read the rest.
 */
export interface Scope {
  tenantId: string;
  agentId: string | null;
}

export type Range = readonly [from: Date, to: Date];

const IN_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2)`;

export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface Outcomes {
  handoffs: number;
  failed: number;
  returnedToAi: number;
  firstReply: DurationStats;
  solve: DurationStats;
}

/** Both percentiles from one sort (`percentile_cont` over an array of fractions). */
const percentiles = (column: string) =>
  `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM ${column} - created_at))`;

/** Outcomes of a range read live, percentiles exact; outcomes.ts adds the rolled-up days for a period that has them. */
export async function outcomes(q: Queryable, scope: Scope, [from, to]: Range): Promise<Outcomes> {
  const { rows } = await q.query<{ handoffs: number; failed: number; returned: number; replied: number; first_reply: number[] | null; solve: number[] | null }>(
    `SELECT count(*)::int AS handoffs,
            count(*) FILTER (WHERE state = 'failed')::int AS failed,
            count(returned_at)::int AS returned,
            count(first_reply_at)::int AS replied,
            ${percentiles('first_reply_at')} AS first_reply,
            ${percentiles('returned_at')} AS solve
       FROM sessions WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4`,
    [scope.tenantId, scope.agentId, from, to],
  );
  const r = rows[0]!;
  const stats = (count: number, p: number[] | null): DurationStats => ({ count, medianSeconds: round(p?.[0]), p90Seconds: round(p?.[1]) });
  return {
    handoffs: Number(r.handoffs),
    failed: Number(r.failed),
    returnedToAi: Number(r.returned),
    firstReply: stats(Number(r.replied), r.first_reply),
    solve: stats(Number(r.returned), r.solve),
  };
}

const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

/**
 * Handoffs in the range whose customer (same AI agent, same end-user id) was handed off again within
 * 7 days. A semi-join on (agent, customer): on PostgreSQL a parallel hash join, about twice as fast as
 * sorting the range for a window function.
 */
export async function reescalatedCount(q: Queryable, scope: Scope, [from, to]: Range): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sessions a
      WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4 AND EXISTS (
        SELECT 1 FROM sessions b
         WHERE b.tenant_id = $1 AND b.created_at > $3 AND b.created_at < $4::timestamptz + interval '7 days'
           AND b.agent_id = a.agent_id AND b.customer_id = a.customer_id
           AND b.created_at > a.created_at AND b.created_at <= a.created_at + interval '7 days')`,
    [scope.tenantId, scope.agentId, from, to],
  );
  return Number(rows[0]!.n);
}

/** The quarter hour an instant falls in (absolute time, so the bins fit the days of every time zone). */
export const quarterHour = (time: string) => `date_bin('15 minutes', ${time}, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;

/** Handoffs or newly seen conversations per local day or week (YYYY-MM-DD of its start); empty buckets are absent. */
export async function countsPerBucket(q: Queryable, scope: Scope, [from, to]: Range, source: 'handoffs' | 'conversations', bucket: 'day' | 'week', timeZone: string): Promise<Map<string, number>> {
  const [table, time] = source === 'handoffs' ? ['sessions', 'created_at'] : ['conversations_seen', 'first_seen_at'];
  // Rows are first counted per quarter hour (date_bin on absolute time is cheap per row); only those
  // few bins are moved into the time zone and grouped into local days or weeks.
  const { rows } = await q.query<{ bucket: string; n: number }>(
    `SELECT to_char(date_trunc($5, bin AT TIME ZONE $6), 'YYYY-MM-DD') AS bucket, sum(n)::int AS n FROM (
       SELECT ${quarterHour(time)} AS bin, count(*) AS n
         FROM ${table} WHERE ${IN_SCOPE} AND ${time} >= $3 AND ${time} < $4 GROUP BY 1) x
      GROUP BY 1`,
    [scope.tenantId, scope.agentId, from, to, bucket, timeZone],
  );
  return new Map(rows.map((r) => [r.bucket, Number(r.n)]));
}

// `agent` last: the rollups also group by agent_id around the sets, and the CASEs below test the others first.
export const DIMENSIONS = ['reason', 'rule', 'intent', 'language', 'agent'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The column each dimension groups by (the same names in `sessions` and `insights_daily`). */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  reason: 'reason_code',
  rule: 'rule_key',
  intent: 'intent',
  language: 'language',
  agent: 'agent_id',
};
export const NONE = '(none)';

/** Handoffs per value of one dimension; `label` is the rule's name for rules (the AI agent's name is added later), the key otherwise. */
export interface DimensionRow {
  dimension: Dimension;
  key: string;
  label: string;
  handoffs: number;
}

/**
 * The SQL pieces of a one-scan count per value of every dimension: `dimension` and `key` name the grouping
 * set a result row belongs to, `sets` is the GROUPING SETS list. Used live and by the rollups.
 */
export const BY_DIMENSION = {
  dimension: `CASE ${DIMENSIONS.map((d) => `WHEN GROUPING(${DIMENSION_COLUMNS[d]}) = 0 THEN '${d}'`).join(' ')} END`,
  key: `CASE ${DIMENSIONS.map((d) => `WHEN GROUPING(${DIMENSION_COLUMNS[d]}) = 0 THEN ${DIMENSION_COLUMNS[d]}`).join(' ')} END`,
  sets: `GROUPING SETS (${DIMENSIONS.map((d) => `(${DIMENSION_COLUMNS[d]})`).join(', ')})`,
};

/** Handoffs per value of every dimension in one scan (GROUPING SETS); the same shape the rollups keep. */
export async function dimensions(q: Queryable, scope: Scope, [from, to]: Range): Promise<DimensionRow[]> {
  const { rows } = await q.query<{ dimension: Dimension; key: string | null; rule_label: string | null; handoffs: number }>(
    `SELECT ${BY_DIMENSION.dimension} AS dimension, ${BY_DIMENSION.key} AS key, max(rule_label) AS rule_label, count(*)::int AS handoffs
       FROM sessions WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4
      GROUP BY ${BY_DIMENSION.sets}`,
    [scope.tenantId, scope.agentId, from, to],
  );
  return rows.map((r) => ({
    dimension: r.dimension,
    key: r.key ?? NONE,
    label: r.key === null ? NONE : r.dimension === 'rule' ? (r.rule_label ?? r.key) : r.key,
    handoffs: Number(r.handoffs),
  }));
}

export interface Example {
  key: string;
  sessionId: string;
  ticketId: string | null;
  createdAt: Date;
  summary: string | null;
}

/**
 * The latest handoffs with a ticket for each given value of a dimension: the transcripts behind a gap, one per
 * ticket (a re-escalation continues on its earlier ticket, which would otherwise show twice). Gaps are the most
 * frequent values, so their newest few dozen handoffs almost always hold enough tickets: those are read newest
 * first (a backward index scan that stops early), and in that order a ticket's first row is its latest. Only a
 * value whose newest rows do not yield enough tickets pays for sorting all its rows of the period.
 */
export async function examples(q: Queryable, scope: Scope, range: Range, dimension: 'reason' | 'intent', keys: string[], perKey = 3): Promise<Example[]> {
  if (keys.length === 0) return [];
  const newest = perKey * 10;
  const candidates = await newestWithTicket(q, scope, range, dimension, keys, newest);
  const found: Example[] = [];
  const short: string[] = [];
  for (const key of keys) {
    const rows = candidates.filter((r) => r.key === key);
    const tickets = new Set<string | null>();
    const picked = rows.filter((r) => !tickets.has(r.ticketId) && tickets.add(r.ticketId) && tickets.size <= perKey);
    if (picked.length < perKey && rows.length === newest) short.push(key);
    else found.push(...picked);
  }
  return short.length === 0 ? found : [...found, ...(await latestPerTicket(q, scope, range, dimension, short, perKey))];
}

async function newestWithTicket(q: Queryable, scope: Scope, [from, to]: Range, dimension: 'reason' | 'intent', keys: string[], limit: number): Promise<Example[]> {
  const { rows } = await q.query<{ key: string; id: string; ticket_id: string | null; created_at: Date; summary: string | null }>(
    `SELECT k.key, s.id, s.ticket_id, s.created_at, s.summary
       FROM unnest($5::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT id, ticket_id, created_at, summary FROM sessions
          WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4
            AND ${DIMENSION_COLUMNS[dimension]} = k.key AND ticket_id IS NOT NULL
          ORDER BY created_at DESC LIMIT $6) s`,
    [scope.tenantId, scope.agentId, from, to, keys, limit],
  );
  return rows.map((r) => ({ key: r.key, sessionId: r.id, ticketId: r.ticket_id, createdAt: r.created_at, summary: r.summary }));
}

async function latestPerTicket(q: Queryable, scope: Scope, [from, to]: Range, dimension: 'reason' | 'intent', keys: string[], perKey: number): Promise<Example[]> {
  const { rows } = await q.query<{ key: string; id: string; ticket_id: string | null; created_at: Date; summary: string | null }>(
    `SELECT k.key, s.id, s.ticket_id, s.created_at, s.summary
       FROM unnest($5::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT id, ticket_id, created_at, summary FROM (
           SELECT DISTINCT ON (ticket_id) id, ticket_id, created_at, summary FROM sessions
            WHERE ${IN_SCOPE} AND created_at >= $3 AND created_at < $4
              AND ${DIMENSION_COLUMNS[dimension]} = k.key AND ticket_id IS NOT NULL
            ORDER BY ticket_id, created_at DESC) latest_per_ticket
          ORDER BY created_at DESC LIMIT $6) s`,
    [scope.tenantId, scope.agentId, from, to, keys, perKey],
  );
  return rows.map((r) => ({ key: r.key, sessionId: r.id, ticketId: r.ticket_id, createdAt: r.created_at, summary: r.summary }));
}
