import { BatonError } from '../core/errors.js';

/** What an insights report covers: [from, to), the equally long period before it, the bucket size and the AI agent. */
export interface Period {
  from: Date;
  to: Date;
  /** Start of the previous period of equal length, the baseline of "rising" and of `previous` counts. */
  previousFrom: Date;
  bucket: 'day' | 'week';
  agentId: string | null;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Resolves the query parameters (already shape-checked at the boundary) into a period. Dates without
 * a time are whole UTC days: `to=2026-11-30` includes all of the 30th.
 */
export function resolvePeriod(
  input: { from?: string | undefined; to?: string | undefined; bucket?: 'day' | 'week' | undefined; agentId?: string | undefined },
  now: Date,
): Period {
  const to = input.to ? parseBoundary(input.to, 'end') : now;
  const from = input.from ? parseBoundary(input.from, 'start') : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new BatonError('validation_failed', '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw new BatonError('validation_failed', `A period covers at most ${MAX_PERIOD_DAYS} days.`);
  }
  return {
    from,
    to,
    previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())),
    bucket: input.bucket ?? 'day',
    agentId: input.agentId ?? null,
  };
}

function parseBoundary(value: string, side: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = Date.parse(`${value}T00:00:00Z`);
    return new Date(side === 'end' ? day + DAY_MS : day);
  }
  return new Date(value);
}

/** The UTC start (YYYY-MM-DD) of every bucket that overlaps the period; weeks start on Monday (ISO 8601). */
export function bucketStarts(period: Pick<Period, 'from' | 'to' | 'bucket'>): string[] {
  let cursor = bucketStart(period.from, period.bucket);
  const starts: string[] = [];
  while (cursor.getTime() < period.to.getTime()) {
    starts.push(cursor.toISOString().slice(0, 10));
    cursor = new Date(cursor.getTime() + (period.bucket === 'week' ? 7 : 1) * DAY_MS);
  }
  return starts;
}

export function bucketStart(at: Date, bucket: 'day' | 'week'): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (bucket === 'day') return day;
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** Whole UTC days older than this many days are read from the rollups: by then no handoff of theirs can change a count. */
export const ROLLUP_AFTER_DAYS = 8;

/** Midnight (UTC) before which every day may be rolled up. */
export function rollableBefore(now: Date): Date {
  return new Date(bucketStart(now, 'day').getTime() - ROLLUP_AFTER_DAYS * DAY_MS);
}

/**
 * Splits [from, to) into the whole days that come from the rollups (`rolled`, midnight to midnight) and
 * the rest that is read live: a partial first day, and everything from the first day not yet rollable.
 */
export function splitForRollups(from: Date, to: Date, rollable: Date): { rolled: [Date, Date] | null; live: Array<[Date, Date]> } {
  const start = bucketStart(from, 'day');
  const firstWholeDay = start.getTime() === from.getTime() ? start : new Date(start.getTime() + DAY_MS);
  const end = new Date(Math.min(bucketStart(to, 'day').getTime(), rollable.getTime()));
  if (firstWholeDay.getTime() >= end.getTime()) return { rolled: null, live: [[from, to]] };
  const live: Array<[Date, Date]> = [];
  if (from.getTime() < firstWholeDay.getTime()) live.push([from, firstWholeDay]);
  if (end.getTime() < to.getTime()) live.push([end, to]);
  return { rolled: [firstWholeDay, end], live };
}
