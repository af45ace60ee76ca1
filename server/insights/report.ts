import type { Database, Queryable } from '../db/database.js';
import { readFacts } from './facts.js';
import { bucketStarts, countableBefore, rollableBefore, splitForRollups, type Period } from './period.js';
import { readHandedOff } from './handed-off.js';
import { DIMENSIONS, examples, NONE, type Dimension, type DimensionRow, type DurationStats, type Scope } from './queries.js';
import { readOutcomesIn } from './outcomes.js';
import { ensureCounts, ensureRollups } from './rollups.js';
import { waitingInsights, type WaitingInsights } from './waiting.js';
import { inSharedSnapshot, type SnapshotRun } from '../db/shared-snapshot.js';

export interface BreakdownRow {
  key: string;
  label: string;
  handoffs: number;
  /** Of all handoffs in the period, 0..1. */
  share: number;
  /** Handoffs in the previous period of equal length. */
  previous: number;
  /** (handoffs − previous) / previous; null when there were none before. */
  change: number | null;
}

export interface GapRow extends BreakdownRow {
  dimension: 'reason' | 'intent';
  examples: Array<{ sessionId: string; ticketId: string | null; createdAt: string; summary: string | null }>;
}

export interface InsightsReport {
  period: { from: string; to: string; bucket: 'day' | 'week'; timeZone: string; agentId: string | null };
  summary: {
    handoffs: number;
    /** Conversations first seen in the period, plus those first seen before it that were handed off in it. */
    conversations: number;
    /** Conversations handed off in the period, each once (a conversation handed off twice is one). */
    handedOffConversations: number;
    /** handedOffConversations / conversations: 0..1. */
    handoffRate: number | null;
    failed: number;
    returnedToAi: number;
    returnedShare: number | null;
    reescalated: number;
    reescalatedShare: number | null;
    firstReply: DurationStats;
    solve: DurationStats;
    /** First replies split by business hours at handoff, and timeouts by kind (session_waiting). */
    waiting: WaitingInsights;
  };
  trend: Array<{ start: string; handoffs: number; conversations: number; rate: number | null }>;
  breakdowns: Record<Dimension, BreakdownRow[]>;
  rising: BreakdownRow[];
  gaps: GapRow[];
}

export const BREAKDOWN_LIMIT = 20;
const RISING_LIMIT = 5;
const GAP_REASONS = 3;
const GAP_INTENTS = 5;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The whole insights report of one tenant (optionally one AI agent) for one period. */
export async function buildInsightsReport(db: Database, scope: Scope, period: Period, now = new Date(), connections = REPORT_CONNECTIONS): Promise<InsightsReport> {
  const horizons = { rolled: rollableBefore(now), counted: countableBefore(now) };
  for (const [from, to] of [[period.previousFrom, period.from], [period.from, period.to]] as const) {
    const { rolled } = splitForRollups(from, to, horizons.rolled);
    if (rolled) await ensureRollups(db, scope.tenantId, rolled);
    const { rolled: counted } = splitForRollups(from, to, horizons.counted);
    if (counted) await ensureCounts(db, scope.tenantId, counted);
  }
  return inReportSnapshot(db, (run) => reportIn(run, scope, period, horizons), connections);
}

/**
 * Connections one report reads on (PostgreSQL; PGlite has one): its parts run side by side in one shared snapshot,
 * each on one core. PostgreSQL's own parallel workers are switched off instead: on a 2-core box their Gather nodes
 * cost far more than they save as soon as anything else runs (1,000,000 sessions, shared box at load average 7–8,
 * interleaved, whole report 30 / 90 / 180 days: 898 / 1,343 / 1,143 ms with workers on one connection, 333 / 414 /
 * 292 ms without workers, 249 / 277 / 199 ms without workers on three connections; two connections did less).
 */
export const REPORT_CONNECTIONS = 3;

export function inReportSnapshot<T>(db: Database, fn: (run: SnapshotRun) => Promise<T>, connections = REPORT_CONNECTIONS): Promise<T> {
  // One snapshot, so the figures agree with each other, and room to sort a big month in memory
  // (PostgreSQL's default 4 MB work_mem spills the percentile sorts of ~100k rows to disk).
  return inSharedSnapshot(db, {
    connections,
    settings: [
      `SET LOCAL work_mem = '64MB'`,
      ...(db.kind === 'postgres'
        ? [`SET LOCAL max_parallel_workers_per_gather = 0`]
        // PGlite launches no workers, but plans the long periods better with parallel plans priced cheap
        // (interleaved on 200,000 sessions, 90 / 180 days: 150 / 176 ms against 184 / 189 ms without).
        : [`SET LOCAL parallel_setup_cost = 10`, `SET LOCAL parallel_tuple_cost = 0.001`]),
    ],
  }, fn);
}

async function reportIn(run: SnapshotRun, scope: Scope, period: Period, horizons: { rolled: Date; counted: Date }): Promise<InsightsReport> {
  // Independent reads, side by side where the database allows; all in one snapshot.
  const [live, rate, waiting, current, previous, agentNames] = await Promise.all([
    readOutcomesIn(run, scope, [period.from, period.to], horizons.rolled),
    run((q) => readHandedOff(q, scope, [period.from, period.to], horizons.counted)),
    run((q) => waitingInsights(q, scope, [period.from, period.to])),
    readFacts(run, scope, [period.from, period.to], horizons, { buckets: { bucket: period.bucket, timeZone: period.timeZone }, reescalated: true }),
    readFacts(run, scope, [period.previousFrom, period.from], horizons, { reescalated: false }),
    run((q) => agentNamesOf(q, scope.tenantId)),
  ]);
  const handoffs = live.handoffs;

  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, breakdown(byDimension(d, current.dimensions, previous.dimensions), handoffs)]),
  ) as Record<Dimension, BreakdownRow[]>;
  for (const r of breakdowns.agent) r.label = agentNames.get(r.key) ?? r.key;
  const rising = breakdown(byDimension('reason', current.dimensions, previous.dimensions), handoffs, Number.MAX_SAFE_INTEGER)
    .filter((r) => r.handoffs > r.previous)
    .sort((a, b) => b.handoffs - b.previous - (a.handoffs - a.previous) || a.key.localeCompare(b.key))
    .slice(0, RISING_LIMIT);

  const gapCandidates = [
    ...breakdowns.reason.slice(0, GAP_REASONS).map((r) => ({ ...r, dimension: 'reason' as const })),
    ...breakdowns.intent.filter((r) => r.key !== NONE).slice(0, GAP_INTENTS).map((r) => ({ ...r, dimension: 'intent' as const })),
  ];
  const gaps: GapRow[] = [];
  const examplesOf = await Promise.all((['reason', 'intent'] as const).map((dimension) => {
    const rows = gapCandidates.filter((g) => g.dimension === dimension);
    return run((q) => examples(q, scope, [period.from, period.to], dimension, rows.map((r) => r.key))).then((found) => ({ rows, found }));
  }));
  for (const { rows, found } of examplesOf) {
    for (const row of rows) {
      gaps.push({
        ...row,
        examples: found
          .filter((e) => e.key === row.key)
          .map((e) => ({ sessionId: e.sessionId, ticketId: e.ticketId, createdAt: e.createdAt.toISOString(), summary: e.summary })),
      });
    }
  }
  gaps.sort((a, b) => b.handoffs - a.handoffs);

  const conversations = [...current.conversationsPerBucket.values()].reduce((a, b) => a + b, 0) + rate.seenOutside;

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), bucket: period.bucket, timeZone: period.timeZone, agentId: scope.agentId },
    summary: {
      handoffs,
      conversations,
      handedOffConversations: rate.handedOff,
      handoffRate: ratio(rate.handedOff, conversations),
      failed: live.failed,
      returnedToAi: live.returnedToAi,
      returnedShare: ratio(live.returnedToAi, handoffs),
      reescalated: current.reescalated,
      reescalatedShare: ratio(current.reescalated, handoffs),
      firstReply: live.firstReply,
      solve: live.solve,
      waiting,
    },
    trend: bucketStarts(period).map((start) => {
      const n = current.handoffsPerBucket.get(start) ?? 0;
      const seen = current.conversationsPerBucket.get(start) ?? 0;
      return { start, handoffs: n, conversations: seen, rate: ratio(n, seen) };
    }),
    breakdowns,
    rising,
    gaps,
  };
}

interface DimensionCount {
  key: string;
  label: string;
  handoffs: number;
  previous: number;
}

/** AI agents are shown by name (the rollups keep only their ids): a tenant's few, deleted ones included. */
async function agentNamesOf(q: Queryable, tenantId: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; name: string }>(`SELECT id, name FROM ai_agents WHERE tenant_id = $1`, [tenantId]);
  return new Map(rows.map((a) => [a.id, a.name]));
}

/** Per value of one dimension: handoffs in the period and in the previous one. */
function byDimension(dimension: Dimension, current: DimensionRow[], previous: DimensionRow[]): DimensionCount[] {
  const rows = new Map<string, DimensionCount>();
  const row = (r: DimensionRow) => rows.get(r.key) ?? rows.set(r.key, { key: r.key, label: r.label, handoffs: 0, previous: 0 }).get(r.key)!;
  for (const r of current) if (r.dimension === dimension) row(r).handoffs += r.handoffs;
  for (const r of previous) if (r.dimension === dimension) row(r).previous += r.handoffs;
  return [...rows.values()];
}

/** Rows with handoffs in the period, most first (ties by key, so the order is stable). */
function breakdown(rows: DimensionCount[], total: number, limit = BREAKDOWN_LIMIT): BreakdownRow[] {
  return rows
    .filter((r) => r.handoffs > 0)
    .sort((a, b) => b.handoffs - a.handoffs || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((r) => ({
      key: r.key,
      label: r.label,
      handoffs: r.handoffs,
      share: total === 0 ? 0 : r.handoffs / total,
      previous: r.previous,
      change: r.previous === 0 ? null : (r.handoffs - r.previous) / r.previous,
    }));
}
