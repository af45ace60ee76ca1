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

export async function readFacts(
  q: Queryable,
  scope: Scope,
  [from, to]: Range,
  rollable: Date,
  what: { buckets?: { bucket: 'day' | 'week'; timeZone: string }; reescalated: boolean },
): Promise<Facts> {
  const { rolled, live } = splitForRollups(from, to, rollable);
  const facts: Facts = { dimensions: [], handoffsPerBucket: new Map(), conversationsPerBucket: new Map(), reescalated: 0 };
  for (const [range, isRolled] of [...(rolled ? [[rolled, true] as const] : []), ...live.map((r) => [r, false] as const)]) {
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
    if (what.reescalated) facts.reescalated += isRolled ? await rolledReescalated(q, scope, range) : await reescalatedCount(q, scope, range);
  }
  return facts;
}

function add(into: Map<string, number>, from: Map<string, number>) {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
}
