import type { SnapshotRun } from '../db/shared-snapshot.js';
import { splitForRollups } from './period.js';
import { countsPerBucket, dimensions, reescalatedCount, type DimensionRow, type Range, type Scope } from './queries.js';
import { rolledDimensions, rolledPerBucket, rolledReescalated } from './rollups.js';

/** The counts of a time range that do not change once a day is old: from the rollups where they exist, live elsewhere. */
export interface Facts {
  dimensions: DimensionRow[];
  /** Per local bucket start (only when asked for `buckets`). */
  handoffsPerBucket: Map<string, number>;
  conversationsPerBucket: Map<string, number>;
  reescalated: number;
}

/**
 * `horizons`: the midnights before which days' counts (`counted`, period.ts `countableBefore`) and the 7-day
 * "escalated again" counts (`rolled`, `rollableBefore`) come from the rollups; a day between them is rolled for the
 * former and read live for the latter.
 */
export async function readFacts(
  run: SnapshotRun,
  scope: Scope,
  [from, to]: Range,
  horizons: { counted: Date; rolled: Date },
  what: { buckets?: { bucket: 'day' | 'week'; timeZone: string }; reescalated: boolean },
): Promise<Facts> {
  const facts: Facts = { dimensions: [], handoffsPerBucket: new Map(), conversationsPerBucket: new Map(), reescalated: 0 };
  // Every part is its own read (the snapshot may run them side by side); results are combined in the parts' order.
  const counted = parts(splitForRollups(from, to, horizons.counted));
  const dimensionParts = Promise.all(counted.map(([range, isRolled]) => run((q) => (isRolled ? rolledDimensions(q, scope, range) : dimensions(q, scope, range)))));
  const bucketParts: Array<Promise<void>> = [];
  if (what.buckets) {
    const { bucket, timeZone } = what.buckets;
    for (const [range, isRolled] of counted) {
      if (isRolled) {
        bucketParts.push(run((q) => rolledPerBucket(q, scope, range, bucket, timeZone)).then((rolledCounts) => {
          add(facts.handoffsPerBucket, rolledCounts.handoffs);
          add(facts.conversationsPerBucket, rolledCounts.conversations);
        }));
      } else {
        bucketParts.push(run((q) => countsPerBucket(q, scope, range, 'handoffs', bucket, timeZone)).then((n) => add(facts.handoffsPerBucket, n)));
        bucketParts.push(run((q) => countsPerBucket(q, scope, range, 'conversations', bucket, timeZone)).then((n) => add(facts.conversationsPerBucket, n)));
      }
    }
  }
  const reescalatedParts = what.reescalated
    ? parts(splitForRollups(from, to, horizons.rolled)).map(([range, isRolled]) =>
        run((q) => (isRolled ? rolledReescalated(q, scope, range) : reescalatedCount(q, scope, range))).then((n) => void (facts.reescalated += n)))
    : [];
  const [dimensionRows] = await Promise.all([dimensionParts, ...bucketParts, ...reescalatedParts]);
  facts.dimensions = dimensionRows.flat();
  return facts;
}

/** The rolled range (if any) first, then the live ones, each marked. */
function parts(split: ReturnType<typeof splitForRollups>): Array<readonly [Range, boolean]> {
  return [...(split.rolled ? [[split.rolled, true] as const] : []), ...split.live.map((r) => [r, false] as const)];
}

function add(into: Map<string, number>, from: Map<string, number>) {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
}
