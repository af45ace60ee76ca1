import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { DatabaseReachability } from '../db/reachability.js';
import { periodicJob } from '../jobs/periodic.js';
import { countableBefore, MAX_PERIOD_DAYS, rollableBefore, utcDayStart } from './period.js';
import { ensureCounts, ensureRollups, firstActivityAt } from './rollups.js';

const DAY_MS = 86_400_000;

/**
 * Rolls up, in the background, every day that turned a day old (its final counts) or a week old (the rest), for every tenant, so no admin's report
 * pays for it (the first roll of a long history takes seconds). Covers the longest period a report can
 * ask for and the one before it, from the tenant's first conversation on. Several relays may run it at once: days are
 * claimed, never rolled twice.
 */
export function createInsightsRoller(deps: { db: Database; log: Logger; intervalMs: number; now?: () => Date; reachability?: DatabaseReachability }) {
  async function tick(): Promise<number> {
    const now = deps.now?.() ?? new Date();
    const until = rollableBefore(now);
    const since = new Date(until.getTime() - 2 * MAX_PERIOD_DAYS * DAY_MS);
    const { rows } = await deps.db.query<{ id: string }>(`SELECT id FROM tenants ORDER BY id`);
    let days = 0;
    for (const tenant of rows) {
      // From the day of the tenant's first conversation, not two years back: a fresh install's first roll claimed
      // ~1,460 empty days per tenant (and said so in the log). A report that asks for earlier days claims them itself.
      const first = await firstActivityAt(deps.db, tenant.id);
      if (!first) continue;
      const from = new Date(Math.max(since.getTime(), utcDayStart(first).getTime()));
      days += await ensureRollups(deps.db, tenant.id, [from, until]);
      // The week since: counts only (their days' "escalated again" and outcomes still change).
      days += await ensureCounts(deps.db, tenant.id, [new Date(Math.max(from.getTime(), until.getTime())), countableBefore(now)]);
    }
    return days;
  }

  // Soon after start (a long history is rolled at once), then at every interval.
  const job = periodicJob({
    intervalMs: deps.intervalMs,
    firstRunAfterMs: Math.min(deps.intervalMs, 30_000),
    tick,
    onResult: (days) => void (days > 0 && deps.log.info({ days }, 'insights rolled up')),
    onError: (error) => deps.log.warn({ err: (error as Error).message }, 'insights rollup failed; the next report or tick rolls the days'),
    ...(deps.reachability ? { database: { reachability: deps.reachability, job: 'insights roller' } } : {}),
  });
  return { tick, start: job.start, stop: job.stop };
}
