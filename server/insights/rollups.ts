import type { Database, Queryable } from '../db/database.js';
import { SETTLED_FIRST } from './handed-off.js';
import { bucketSql } from './histogram.js';
import { BY_DIMENSION, NONE, quarterHour, type DimensionRow, type Range, type Scope } from './queries.js';

/**
 * Daily rollups, per tenant, day and AI agent, in two steps. The counts final once a day is over — handoffs per value
 * of each dimension, per quarter hour the handoffs and conversations first seen (so trends can be bucketed by the days
 * of any time zone), and the handoffs settled as a conversation's first (handed-off.ts) — are rolled a day after the
 * day ended (period.ts `countableBefore`, `insights_counted_days`). The rest waits until the day is over a week old
 * (`rollableBefore`, `insights_rolled_days`): how many of its handoffs were escalated again within 7 days, and its
 * outcomes (replies, solves, failures), which can still arrive later: a day keeps those stamped before its
 * `outcomes_until` (first-reply and solve durations as log-spaced histograms, histogram.ts), and a report adds the
 * later ones live (outcomes.ts).
 */
/** An hour before the roll: every milestone stamped before it was committed, and so seen, by the roll. */
export const OUTCOMES_UNTIL = `now() - interval '1 hour'`;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Claims the days of [from, to) (midnights) not yet in `table` and, when there are any, writes their rows in the
 * same transaction. Cheap when all are claimed: one indexed count. Concurrent relays claim days with
 * ON CONFLICT DO NOTHING, so each day is rolled once.
 */
async function claimDays(
  db: Database, table: 'insights_counted_days' | 'insights_rolled_days', extra: { column: string; value: string } | null, tenantId: string, [from, to]: Range,
  roll: (tx: Queryable, params: unknown[], ofClaimedDays: (time: string, alias?: string) => string) => Promise<void>,
): Promise<number> {
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  if (days <= 0) return 0;
  const done = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND day >= $2::date AND day < $3::date`,
    [tenantId, day(from), day(to)],
  );
  if (Number(done.rows[0]!.n) >= days) return 0;
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ day: string }>(
      `INSERT INTO ${table} (tenant_id, day${extra ? `, ${extra.column}` : ''})
       SELECT $1, d::date${extra ? `, ${extra.value}` : ''} FROM generate_series($2::timestamp, $3::timestamp - interval '1 day', interval '1 day') AS d
       ON CONFLICT DO NOTHING RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      [tenantId, day(from), day(to)],
    );
    const claimedDays = claimed.rows.map((r) => r.day);
    if (claimedDays.length === 0) return 0;
    const ofClaimedDays = (time: string, alias = '') =>
      `${alias}tenant_id = $1 AND ${alias}${time} >= $2 AND ${alias}${time} < $3 AND (${alias}${time} AT TIME ZONE 'UTC')::date = ANY($4::date[])`;
    await roll(tx, [tenantId, from, to, claimedDays], ofClaimedDays);
    return claimedDays.length;
  });
}

/** Makes sure the final counts of every day of [from, to) are rolled up for the tenant; returns how many days it rolled. */
export function ensureCounts(db: Database, tenantId: string, range: Range): Promise<number> {
  return claimDays(db, 'insights_counted_days', null, tenantId, range, async (tx, params, ofClaimedDays) => {
    await tx.query(
      `INSERT INTO insights_daily (tenant_id, day, agent_id, dimension, key, label, handoffs)
       SELECT $1, d, agent_id, dimension, COALESCE(key, '${NONE}'), COALESCE(CASE WHEN dimension = 'rule' THEN rule_label END, key, '${NONE}'), n
         FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS d, agent_id, ${BY_DIMENSION.dimension} AS dimension, ${BY_DIMENSION.key} AS key,
                      max(rule_label) AS rule_label, count(*)::int AS n
                 FROM sessions WHERE ${ofClaimedDays('created_at')}
                GROUP BY 1, agent_id, ${BY_DIMENSION.sets}) x`,
      params,
    );
    await tx.query(
      `INSERT INTO insights_daily_first_handoffs (tenant_id, day, agent_id, first_handoffs)
       SELECT $1, (created_at AT TIME ZONE 'UTC')::date, agent_id, count(*) FROM sessions WHERE ${ofClaimedDays('created_at')} AND ${SETTLED_FIRST} GROUP BY 2, 3`,
      params,
    );
    await tx.query(
      `INSERT INTO insights_quarter_hours (tenant_id, bin, agent_id, handoffs)
       SELECT $1, ${quarterHour('created_at')}, agent_id, count(*) FROM sessions WHERE ${ofClaimedDays('created_at')} GROUP BY 2, 3`,
      params,
    );
    await tx.query(
      `INSERT INTO insights_quarter_hours (tenant_id, bin, agent_id, conversations)
       SELECT $1, ${quarterHour('first_seen_at')}, agent_id, count(*) FROM conversations_seen WHERE ${ofClaimedDays('first_seen_at')} GROUP BY 2, 3
       ON CONFLICT (tenant_id, bin, agent_id) DO UPDATE SET conversations = EXCLUDED.conversations`,
      params,
    );
    await tx.query(
      `INSERT INTO insights_tenant_quarter_hours (tenant_id, bin, handoffs, conversations)
       SELECT $1, bin, sum(handoffs), sum(conversations) FROM insights_quarter_hours WHERE ${ofClaimedDays('bin')} GROUP BY bin`,
      params,
    );
  });
}

/**
 * Makes sure every day of [from, to) is rolled up entirely for the tenant (its counts first, when not yet); returns
 * how many days it rolled (counts and the rest alike).
 */
export async function ensureRollups(db: Database, tenantId: string, range: Range): Promise<number> {
  const counted = await ensureCounts(db, tenantId, range);
  return counted + await claimDays(db, 'insights_rolled_days', { column: 'outcomes_until', value: OUTCOMES_UNTIL }, tenantId, range, async (tx, params, ofClaimedDays) => {
    await tx.query(
      `INSERT INTO insights_daily_totals (tenant_id, day, agent_id, reescalated, handoffs, failed)
       SELECT $1, (a.created_at AT TIME ZONE 'UTC')::date, a.agent_id,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sessions b WHERE b.agent_id = a.agent_id AND b.customer_id = a.customer_id
                                               AND b.created_at > a.created_at AND b.created_at <= a.created_at + interval '7 days')),
              count(*), count(*) FILTER (WHERE a.state = 'failed' AND a.state_changed_at < ${OUTCOMES_UNTIL})
         FROM sessions a WHERE ${ofClaimedDays('created_at', 'a.')} GROUP BY 2, 3`,
      params,
    );
    await tx.query(
      `INSERT INTO insights_daily_durations (tenant_id, day, agent_id, kind, bucket, n)
       SELECT $1, (created_at AT TIME ZONE 'UTC')::date, agent_id, k.kind, ${bucketSql('extract(epoch FROM k.at - created_at)::float8')}, count(*)
         FROM sessions, LATERAL (VALUES ('first_reply', first_reply_at), ('solve', returned_at)) AS k(kind, at)
        WHERE ${ofClaimedDays('created_at')} AND k.at < ${OUTCOMES_UNTIL} GROUP BY 2, 3, 4, 5`,
      params,
    );
  });
}

/**
 * When the tenant's first conversation was seen (a handoff's session or a conversation without one), or null: no day
 * before it has anything to roll. Both minimums come from the (tenant_id, time) indexes.
 */
export async function firstActivityAt(q: Queryable, tenantId: string): Promise<Date | null> {
  const { rows } = await q.query<{ at: Date | string | null }>(
    `SELECT least((SELECT min(created_at) FROM sessions WHERE tenant_id = $1),
                  (SELECT min(first_seen_at) FROM conversations_seen WHERE tenant_id = $1)) AS at`,
    [tenantId],
  );
  const at = rows[0]?.at;
  return at === null || at === undefined ? null : new Date(at);
}

const IN_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND day >= $3::date AND day < $4::date`;
const params = (scope: Scope, [from, to]: Range) => [scope.tenantId, scope.agentId, day(from), day(to)];

export async function rolledDimensions(q: Queryable, scope: Scope, range: Range): Promise<DimensionRow[]> {
  const { rows } = await q.query<DimensionRow>(
    `SELECT dimension, key, max(label) AS label, sum(handoffs)::int AS handoffs FROM insights_daily WHERE ${IN_SCOPE} GROUP BY dimension, key`,
    params(scope, range),
  );
  return rows.map((r) => ({ ...r, handoffs: Number(r.handoffs) }));
}

/**
 * Handoffs and conversations per local day or week (YYYY-MM-DD of its start) of a whole-UTC-day range, in one
 * read: each quarter hour (of one AI agent, or summed over the tenant's) is moved into the time zone once.
 */
export async function rolledPerBucket(q: Queryable, scope: Scope, [from, to]: Range, bucket: 'day' | 'week', timeZone: string): Promise<{ handoffs: Map<string, number>; conversations: Map<string, number> }> {
  // The whole tenant's quarter hours are kept summed already (a quarter of the rows for a tenant with four AI agents).
  const perQuarterHour = scope.agentId === null
    ? `SELECT bin, handoffs, conversations FROM insights_tenant_quarter_hours WHERE tenant_id = $1 AND bin >= $2 AND bin < $3`
    : `SELECT bin, handoffs, conversations FROM insights_quarter_hours WHERE tenant_id = $1 AND agent_id = $6 AND bin >= $2 AND bin < $3`;
  const { rows } = await q.query<{ bucket: string; handoffs: number; conversations: number }>(
    `SELECT to_char(date_trunc($4, bin AT TIME ZONE $5), 'YYYY-MM-DD') AS bucket, sum(handoffs)::int AS handoffs, sum(conversations)::int AS conversations
       FROM (${perQuarterHour}) per_quarter_hour
      GROUP BY 1`,
    [scope.tenantId, from, to, bucket, timeZone, ...(scope.agentId === null ? [] : [scope.agentId])],
  );
  const counts = (column: 'handoffs' | 'conversations') => new Map(rows.filter((r) => Number(r[column]) > 0).map((r) => [r.bucket, Number(r[column])]));
  return { handoffs: counts('handoffs'), conversations: counts('conversations') };
}

export async function rolledReescalated(q: Queryable, scope: Scope, range: Range): Promise<number> {
  const { rows } = await q.query<{ n: number | null }>(`SELECT sum(reescalated)::int AS n FROM insights_daily_totals WHERE ${IN_SCOPE}`, params(scope, range));
  return Number(rows[0]!.n ?? 0);
}
