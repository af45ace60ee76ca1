import type { Database, Queryable } from '../db/database.js';
import { bucketStarts, type Period } from './period.js';
import {
  conversationsSeen,
  countsPerBucket,
  dimensionCounts,
  examples,
  NONE,
  reescalatedCount,
  summaryCounts,
  DIMENSIONS,
  type DimensionCount,
  type Dimension,
  type DurationStats,
  type Scope,
} from './queries.js';

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
  period: { from: string; to: string; bucket: 'day' | 'week'; agentId: string | null };
  summary: {
    handoffs: number;
    conversations: number;
    handoffRate: number | null;
    failed: number;
    returnedToAi: number;
    returnedShare: number | null;
    reescalated: number;
    reescalatedShare: number | null;
    firstReply: DurationStats;
    solve: DurationStats;
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
export async function buildInsightsReport(db: Database, scope: Scope, period: Period): Promise<InsightsReport> {
  // One snapshot, so the figures agree with each other, and room to sort a big month in memory
  // (PostgreSQL's default 4 MB work_mem spills the percentile and window sorts of ~100k rows to disk).
  return inReportSnapshot(db, (tx) => reportIn(tx, scope, period));
}

export function inReportSnapshot<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    // Let PostgreSQL split a big month over its workers (its defaults keep queries this size on one core).
    await tx.query(`SET LOCAL parallel_setup_cost = 10`);
    await tx.query(`SET LOCAL parallel_tuple_cost = 0.001`);
    return fn(tx);
  });
}

async function reportIn(q: Queryable, scope: Scope, period: Period): Promise<InsightsReport> {
  // Sequential on purpose: one connection, one snapshot.
  const counts = await summaryCounts(q, scope, period);
  const reescalated = await reescalatedCount(q, scope, period);
  const conversations = await conversationsSeen(q, scope, period);
  const handoffsPerBucket = await countsPerBucket(q, scope, period, 'handoffs');
  const conversationsPerBucket = await countsPerBucket(q, scope, period, 'conversations');
  const dimensions = await dimensionCounts(q, scope, period);

  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, breakdown(dimensions.filter((r) => r.dimension === d), counts.handoffs)]),
  ) as Record<Dimension, BreakdownRow[]>;
  const rising = breakdown(dimensions.filter((r) => r.dimension === 'reason'), counts.handoffs, Number.MAX_SAFE_INTEGER)
    .filter((r) => r.handoffs > r.previous)
    .sort((a, b) => b.handoffs - b.previous - (a.handoffs - a.previous) || a.key.localeCompare(b.key))
    .slice(0, RISING_LIMIT);

  const gapCandidates = [
    ...breakdowns.reason.slice(0, GAP_REASONS).map((r) => ({ ...r, dimension: 'reason' as const })),
    ...breakdowns.intent.filter((r) => r.key !== NONE).slice(0, GAP_INTENTS).map((r) => ({ ...r, dimension: 'intent' as const })),
  ];
  const gaps: GapRow[] = [];
  for (const dimension of ['reason', 'intent'] as const) {
    const rows = gapCandidates.filter((g) => g.dimension === dimension);
    const found = await examples(q, scope, period, dimension, rows.map((r) => r.key));
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

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), bucket: period.bucket, agentId: scope.agentId },
    summary: {
      handoffs: counts.handoffs,
      conversations,
      handoffRate: ratio(counts.handoffs, conversations),
      failed: counts.failed,
      returnedToAi: counts.returnedToAi,
      returnedShare: ratio(counts.returnedToAi, counts.handoffs),
      reescalated,
      reescalatedShare: ratio(reescalated, counts.handoffs),
      firstReply: counts.firstReply,
      solve: counts.solve,
    },
    trend: bucketStarts(period).map((start) => {
      const handoffs = handoffsPerBucket.get(start) ?? 0;
      const seen = conversationsPerBucket.get(start) ?? 0;
      return { start, handoffs, conversations: seen, rate: ratio(handoffs, seen) };
    }),
    breakdowns,
    rising,
    gaps,
  };
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
