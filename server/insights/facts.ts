import type { Queryable } from '../db/database.js';
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
  q: Queryable,
  scope: Scope,
  [from, to]: Range,
  horizons: { counted: Date; rolled: Date },
  what: { buckets?: { bucket: 'day' | 'week'; timeZone: string }; reescalated: boolean },
): Promise<Facts> {
  const facts: Facts = { dimensions: [], handoffsPerBucket: new Map(), conversationsPerBucket: new Map(), reescalated: 0 };
  for (const [range, isRolled] of parts(splitForRollups(from, to, horizons.counted))) {
    facts.dimensions.push(...(isRolled ? await rolledDimensions(q, scope, range) : await dimensions(q, scope, range)));
    if (what.buckets) {
      const { bucket, timeZone } = what.buckets;
      if (isRolled) {
        const rolledCounts = await rolledPerBucket(q, scope, range, bucket, timeZone);
        add(facts.handoffsPerBucket, rolledCounts.handoffs);
        add(facts.conversationsPerBucket, rolledCounts.conversations);
      } else {
        add(facts.handoffsPerBucket, await countsPerBucket(q, scope, range, 'handoffs', bucket, timeZone));
        add(facts.conversationsPerBucket, await countsPerBucket(q, scope, range, 'conversations', bucket, timeZone));
      }
    }
  }
  if (what.reescalated) {
    for (const [range, isRolled] of parts(splitForRollups(from, to, horizons.rolled))) {
      facts.reescalated += isRolled ? await rolledReescalated(q, scope, range) : await reescalatedCount(q, scope, range);
    }
  }
  return facts;
}

/** The rolled range (if any) first, then the live ones, each marked. */
function parts(split: ReturnType<typeof splitForRollups>): Array<readonly [Range, boolean]> {
  return [...(split.rolled ? [[split.rolled, true] as const] : []), ...split.live.map((r) => [r, false] as const)];
}

function add(into: Map<string, number>, from: Map<string, number>) {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
}
