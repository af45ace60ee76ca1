import type { Queryable } from '../db/database.js';
import { splitForRollups } from './period.js';
import { countsPerDay, dimensions, reescalatedCount, type DimensionRow, type Range, type Scope } from './queries.js';
import { rolledDimensions, rolledPerDay, rolledReescalated } from './rollups.js';

/** The counts of a time range that do not change once a day is old: from the rollups where they exist, live elsewhere. */
export interface Facts {
  dimensions: DimensionRow[];
  handoffsPerDay: Map<string, number>;
  conversationsPerDay: Map<string, number>;
  reescalated: number;
}

export async function readFacts(q: Queryable, scope: Scope, [from, to]: Range, rollable: Date, what: { perDay: boolean; reescalated: boolean }): Promise<Facts> {
  const { rolled, live } = splitForRollups(from, to, rollable);
  const facts: Facts = { dimensions: [], handoffsPerDay: new Map(), conversationsPerDay: new Map(), reescalated: 0 };
  for (const [range, isRolled] of [...(rolled ? [[rolled, true] as const] : []), ...live.map((r) => [r, false] as const)]) {
    facts.dimensions.push(...(isRolled ? await rolledDimensions(q, scope, range) : await dimensions(q, scope, range)));
    if (what.perDay) {
      add(facts.handoffsPerDay, isRolled ? await rolledPerDay(q, scope, range, 'handoffs') : await countsPerDay(q, scope, range, 'handoffs'));
      add(facts.conversationsPerDay, isRolled ? await rolledPerDay(q, scope, range, 'conversations') : await countsPerDay(q, scope, range, 'conversations'));
    }
    if (what.reescalated) facts.reescalated += isRolled ? await rolledReescalated(q, scope, range) : await reescalatedCount(q, scope, range);
  }
  return facts;
}

function add(into: Map<string, number>, from: Map<string, number>) {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
}
