import { BatonError } from '../core/errors.js';
import { addDays, localDay, localMidnight, mondayOf } from './time-zone.js';

/** What an insights report covers: [from, to), the equally long period before it, the bucket size and the AI agent. */
export interface Period {
  from: Date;
  to: Date;
  /** Start of the previous period of equal length, the baseline of "rising" and of `previous` counts. */
  previousFrom: Date;
  bucket: 'day' | 'week';
  agentId: string | null;
  /** IANA time zone of the buckets and of date-only bounds. */
  timeZone: string;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Resolves the query parameters (already shape-checked at the boundary) into a period. Dates without
 * a time are whole local days of the time zone: `to=2026-11-30` includes all of the 30th.
 */
export function resolvePeriod(
  input: { from?: string | undefined; to?: string | undefined; bucket?: 'day' | 'week' | undefined; agentId?: string | undefined; timeZone?: string | undefined },
  now: Date,
): Period {
  const timeZone = input.timeZone ?? 'UTC';
  const to = input.to ? parseBoundary(input.to, 'end', timeZone) : now;
  const from = input.from ? parseBoundary(input.from, 'start', timeZone) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  // PostgreSQL and the bucket keys (YYYY-MM-DD) hold neither year 0 nor year 10000, and years before 100 fail in
  // the date parameters; a bound outside (or one that parsed to NaN) would be a 500 from inside a query.
  if (!(from.getTime() >= EARLIEST_BOUND_MS)) throw outOfRange('from', `\`from\` must be ${EARLIEST_BOUND} or later.`);
  if (!(to.getTime() <= LATEST_BOUND_MS)) throw outOfRange('to', `\`to\` must be ${LATEST_BOUND} or earlier.`);
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
    timeZone,
  };
}

const EARLIEST_BOUND = '1000-01-01T00:00:00Z';
const EARLIEST_BOUND_MS = Date.parse(EARLIEST_BOUND);
/** 14 hours short of year 10000, so the local days of every time zone still have four-digit years. */
const LATEST_BOUND = '9999-12-30T00:00:00Z';
const LATEST_BOUND_MS = Date.parse(LATEST_BOUND);
const outOfRange = (path: 'from' | 'to', message: string) => new BatonError('validation_failed', message, { issues: [{ path, code: 'out_of_range', message }] });

function parseBoundary(value: string, side: 'start' | 'end', timeZone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return localMidnight(side === 'end' ? addDays(value, 1) : value, timeZone);
  return new Date(value);
}

/** The local start day (YYYY-MM-DD) of every bucket that overlaps the period; weeks start on Monday (ISO 8601). */
export function bucketStarts(period: Pick<Period, 'from' | 'to' | 'bucket' | 'timeZone'>): string[] {
  const first = localDay(period.from, period.timeZone);
  let cursor = period.bucket === 'week' ? mondayOf(first) : first;
  const starts: string[] = [];
  while (localMidnight(cursor, period.timeZone).getTime() < period.to.getTime()) {
    starts.push(cursor);
    cursor = addDays(cursor, period.bucket === 'week' ? 7 : 1);
  }
  return starts;
}

/** Midnight UTC of an instant's day: rollups are kept per UTC day. */
export function utcDayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Whole UTC days older than this many days have all their figures rolled up (`rollableBefore`): by then no handoff of
 * theirs can change the 7-day "escalated again" count, and their outcomes are rolled as of the roll (outcomes.ts).
 */
export const ROLLUP_AFTER_DAYS = 8;
/**
 * The counts that are final once a day is over (handoffs per dimension and per quarter hour, conversations first
 * seen, first handoffs) are rolled a day after it ended (`countableBefore`): rows are stamped with the time of their
 * insert, so a whole day later no transaction that stamped that day is still open.
 */
export const COUNTS_AFTER_DAYS = 1;

/** Midnight (UTC) before which every day may be rolled up entirely. */
export function rollableBefore(now: Date): Date {
  return new Date(utcDayStart(now).getTime() - ROLLUP_AFTER_DAYS * DAY_MS);
}

/** Midnight (UTC) before which every day's final counts may be rolled up (never before `rollableBefore`). */
export function countableBefore(now: Date): Date {
  return new Date(utcDayStart(now).getTime() - COUNTS_AFTER_DAYS * DAY_MS);
}

/**
 * Splits [from, to) into the whole days that come from the rollups (`rolled`, midnight to midnight) and
 * the rest that is read live: a partial first day, and everything from the first day not yet rollable.
 */
export function splitForRollups(from: Date, to: Date, rollable: Date): { rolled: [Date, Date] | null; live: Array<[Date, Date]> } {
  const start = utcDayStart(from);
  const firstWholeDay = start.getTime() === from.getTime() ? start : new Date(start.getTime() + DAY_MS);
  const end = new Date(Math.min(utcDayStart(to).getTime(), rollable.getTime()));
  if (firstWholeDay.getTime() >= end.getTime()) return { rolled: null, live: [[from, to]] };
  const live: Array<[Date, Date]> = [];
  if (from.getTime() < firstWholeDay.getTime()) live.push([from, firstWholeDay]);
  if (end.getTime() < to.getTime()) live.push([end, to]);
  return { rolled: [firstWholeDay, end], live };
}
