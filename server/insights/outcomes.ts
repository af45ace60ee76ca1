import type { Queryable } from '../db/database.js';
import { sequentially, type SnapshotRun } from '../db/shared-snapshot.js';
import { addTo, bucketSql, percentiles, total, type Histogram } from './histogram.js';
import { splitForRollups } from './period.js';
import { outcomes, type DurationStats, type Outcomes, type Range, type Scope } from './queries.js';

/**
 * The outcomes of a period (handoffs, failed, returned, first reply and time to solve). A period with fewer than
 * HISTOGRAMS_FROM_DAYS rolled-up days is read live, percentiles exact (`percentile_cont`). Otherwise its whole old days come from
 * the rollups — handoffs and failures counted, durations as histograms, all as of the day's `outcomes_until` —
 * plus, live, what those days' handoffs reached after that instant and everything of the recent days; the
 * counts stay exact and the median and p90 are read from the summed histogram (within 2 %, histogram.ts).
 */
/**
 * Below this many rolled days, reading the histograms costs more than sorting the live rows (bench/insights.ts on
 * 1,000,000 sessions: 30 days 177 ms from histograms against 84 ms live; 180 days 179 against 310 ms), so shorter
 * periods keep exact percentiles.
 */
export const HISTOGRAMS_FROM_DAYS = 60;

export function readOutcomes(q: Queryable, scope: Scope, range: Range, rollable: Date, minRolledDays = HISTOGRAMS_FROM_DAYS): Promise<Outcomes> {
  return readOutcomesIn(sequentially(q), scope, range, rollable, minRolledDays);
}

/** The same, each part its own read (a shared snapshot may run them side by side). */
export async function readOutcomesIn(run: SnapshotRun, scope: Scope, [from, to]: Range, rollable: Date, minRolledDays = HISTOGRAMS_FROM_DAYS): Promise<Outcomes> {
  const { rolled, live } = splitForRollups(from, to, rollable);
  if (!rolled || rolled[1].getTime() - rolled[0].getTime() < minRolledDays * 86_400_000) return run((q) => outcomes(q, scope, [from, to]));
  const durations = { first_reply: new Map() as Histogram, solve: new Map() as Histogram };
  const [totals, rolledRows, ...liveParts] = await Promise.all([
    run(async (q) => {
      const totals = await rolledTotals(q, scope, rolled);
      // Reads the milestones reached since the day's roll: needs the rolled days' earliest `outcomes_until`.
      return { ...totals, reached: await reachedSinceRolled(q, scope, rolled, totals.outcomesSince) };
    }),
    run((q) => rolledDurations(q, scope, rolled)),
    ...live.flatMap((range) => [run((q) => liveCounts(q, scope, range)), run((q) => liveDurations(q, scope, range))]),
  ]);
  let { handoffs, failed } = totals;
  for (const row of rolledRows) addTo(durations[row.kind], row.bucket, row.n);
  for (const row of totals.reached) {
    if (row.kind === 'failed') failed += row.n;
    else addTo(durations[row.kind], row.bucket, row.n);
  }
  for (const part of liveParts) {
    if (Array.isArray(part)) for (const row of part) addTo(durations[row.kind], row.bucket, row.n);
    else {
      handoffs += part.handoffs;
      failed += part.failed;
    }
  }
  const stats = (h: Histogram): DurationStats => {
    const p = percentiles(h, [0.5, 0.9]);
    return { count: total(h), medianSeconds: round(p?.[0]), p90Seconds: round(p?.[1]) };
  };
  return { handoffs, failed, returnedToAi: total(durations.solve), firstReply: stats(durations.first_reply), solve: stats(durations.solve) };
}

type Kind = 'first_reply' | 'solve';
interface BucketRow<K extends string = Kind> { kind: K; bucket: number; n: number }

const ROLLED_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND day >= $3::date AND day < $4::date`;
const LIVE_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $3 AND created_at < $4`;
const day = (d: Date) => d.toISOString().slice(0, 10);
const rows = <K extends string>(r: Array<BucketRow<K>>) => r.map((x) => ({ kind: x.kind, bucket: Number(x.bucket), n: Number(x.n) }));
/** Both milestones of a session as (kind, at) rows, so one GROUP BY fills both histograms. */
const MILESTONES = `LATERAL (VALUES ('first_reply', first_reply_at), ('solve', returned_at)) AS k(kind, at)`;
const BUCKET = bucketSql('extract(epoch FROM k.at - created_at)::float8');

async function rolledTotals(q: Queryable, scope: Scope, [from, to]: Range) {
  const params = [scope.tenantId, scope.agentId, day(from), day(to)];
  const { rows: [t] } = await q.query<{ handoffs: number | null; failed: number | null }>(
    `SELECT sum(handoffs)::int AS handoffs, sum(failed)::int AS failed FROM insights_daily_totals WHERE ${ROLLED_SCOPE}`, params);
  const { rows: [d] } = await q.query<{ since: Date | null }>(
    `SELECT min(outcomes_until) AS since FROM insights_rolled_days WHERE tenant_id = $1 AND day >= $2::date AND day < $3::date`,
    [scope.tenantId, day(from), day(to)]);
  return { handoffs: Number(t?.handoffs ?? 0), failed: Number(t?.failed ?? 0), outcomesSince: d?.since ?? to };
}

async function rolledDurations(q: Queryable, scope: Scope, [from, to]: Range) {
  const { rows: r } = await q.query<BucketRow>(
    `SELECT kind, bucket, sum(n)::int AS n FROM insights_daily_durations WHERE ${ROLLED_SCOPE} GROUP BY kind, bucket`,
    [scope.tenantId, scope.agentId, day(from), day(to)]);
  return rows(r);
}

/**
 * Milestones the rolled days' handoffs reached at or after their day's `outcomes_until`. A transition stamps
 * `state_changed_at` with its milestone (the same now()), so only sessions changed since the earliest of those
 * instants are read (an index range, not the period's rows).
 */
async function reachedSinceRolled(q: Queryable, scope: Scope, [from, to]: Range, since: Date) {
  const { rows: r } = await q.query<BucketRow<Kind | 'failed'>>(
    `SELECT k.kind, ${BUCKET} AS bucket, count(*)::int AS n
       FROM sessions s JOIN insights_rolled_days r ON r.tenant_id = s.tenant_id AND r.day = (s.created_at AT TIME ZONE 'UTC')::date,
            LATERAL (VALUES ('first_reply', s.first_reply_at), ('solve', s.returned_at),
                            ('failed', CASE WHEN s.state = 'failed' THEN s.state_changed_at END)) AS k(kind, at)
      WHERE s.tenant_id = $1 AND ($2::text IS NULL OR s.agent_id = $2) AND s.created_at >= $3 AND s.created_at < $4
        AND s.state_changed_at >= $5 AND k.at >= r.outcomes_until
      GROUP BY 1, 2`,
    [scope.tenantId, scope.agentId, from, to, since]);
  return rows(r);
}

async function liveCounts(q: Queryable, scope: Scope, [from, to]: Range) {
  const { rows: [r] } = await q.query<{ handoffs: number; failed: number }>(
    `SELECT count(*)::int AS handoffs, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM sessions WHERE ${LIVE_SCOPE}`,
    [scope.tenantId, scope.agentId, from, to]);
  return { handoffs: Number(r!.handoffs), failed: Number(r!.failed) };
}

async function liveDurations(q: Queryable, scope: Scope, [from, to]: Range) {
  const { rows: r } = await q.query<BucketRow>(
    `SELECT k.kind, ${BUCKET} AS bucket, count(*)::int AS n FROM sessions, ${MILESTONES}
      WHERE ${LIVE_SCOPE} AND k.at IS NOT NULL GROUP BY 1, 2`,
    [scope.tenantId, scope.agentId, from, to]);
  return rows(r);
}

const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
