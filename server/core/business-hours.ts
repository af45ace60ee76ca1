/**
 * Business hours as Zendesk defines them, computed without I/O. A schedule is weekly intervals in
 * minutes since Sunday 00:00 in the schedule's time zone (an interval never spans a calendar day, so a
 * night shift is two intervals meeting at midnight) plus holidays, whole local days closed
 * [https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/].
 *
 * Everything walks "open segments": [start, end) instants, found day by day in local wall time and only
 * then turned into instants, so a DST change moves the opening to the right UTC time.
 */
import { instantOfWallClock, localDayOf, minuteOfWeek, shiftDay, weekdayOf } from './zone-clock.js';

export interface ScheduleInterval {
  /** Minutes since Sunday 00:00, local. */
  startMinute: number;
  endMinute: number;
}

export interface Holiday {
  /** YYYY-MM-DD, inclusive, local to the schedule. */
  startDate: string;
  endDate: string;
}

export interface BusinessSchedule {
  /** IANA time zone (Zendesk's Rails names are mapped first: rails-time-zones.ts). */
  timeZone: string;
  intervals: ScheduleInterval[];
  holidays: Holiday[];
}

export const MINUTES_PER_WEEK = 7 * 1440;
const MINUTE_MS = 60_000;
/** How far ahead to look for an opening: a year of holidays and a little more. Beyond it: never opens. */
export const SEARCH_HORIZON_DAYS = 400;

export interface OpenSegment {
  start: number;
  end: number;
}

function isHoliday(day: string, holidays: readonly Holiday[]): boolean {
  // ISO dates compare correctly as strings.
  return holidays.some((h) => day >= h.startDate && day <= h.endDate);
}

/** The open segments of one local day, in order. */
function segmentsOfDay(schedule: BusinessSchedule, day: string): OpenSegment[] {
  if (isHoliday(day, schedule.holidays)) return [];
  const weekStart = weekdayOf(day) * 1440;
  const dayMs = Date.parse(`${day}T00:00:00Z`);
  const out: OpenSegment[] = [];
  for (const i of schedule.intervals) {
    const from = Math.max(i.startMinute, weekStart);
    const to = Math.min(i.endMinute, weekStart + 1440);
    if (to <= from) continue;
    // Midnight at the end of the day is the next day's midnight: that instant, not 24:00 of this one.
    const start = instantOfWallClock(dayMs + (from - weekStart) * MINUTE_MS, schedule.timeZone);
    const end = to - weekStart === 1440
      ? instantOfWallClock(dayMs + 86_400_000, schedule.timeZone)
      : instantOfWallClock(dayMs + (to - weekStart) * MINUTE_MS, schedule.timeZone);
    if (end > start) out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Open segments that end after `from`, in order, adjacent ones (e.g. 22:00–24:00 then 00:00–06:00)
 * merged into one, up to the search horizon.
 */
export function* openSegments(schedule: BusinessSchedule, from: number): Generator<OpenSegment> {
  // Start a day early: the local day of `from` may begin after an interval of the previous day ends.
  let day = shiftDay(localDayOf(from, schedule.timeZone), -1);
  let pending: OpenSegment | null = null;
  for (let n = 0; n < SEARCH_HORIZON_DAYS; n++, day = shiftDay(day, 1)) {
    for (const s of segmentsOfDay(schedule, day)) {
      if (s.end <= from) continue;
      if (pending && s.start <= pending.end) {
        pending.end = Math.max(pending.end, s.end);
        continue;
      }
      if (pending) yield pending;
      pending = { ...s };
    }
  }
  if (pending) yield pending;
}

export function isOpen(schedule: BusinessSchedule, at: Date): boolean {
  const first = openSegments(schedule, at.getTime()).next();
  return !first.done && first.value.start <= at.getTime();
}

/** `at` itself when open, else the next opening; null when nothing opens within the horizon. */
export function nextOpenAt(schedule: BusinessSchedule, at: Date): Date | null {
  const first = openSegments(schedule, at.getTime()).next();
  if (first.done) return null;
  return new Date(Math.max(first.value.start, at.getTime()));
}

/**
 * The instant `minutes` of business time after `start` (a timeout counted in business hours). Started
 * outside hours, the count begins at the next opening. Null when the schedule never opens enough.
 */
export function addBusinessMinutes(schedule: BusinessSchedule, start: Date, minutes: number): Date | null {
  let left = Math.max(0, minutes) * MINUTE_MS;
  const from = start.getTime();
  for (const s of openSegments(schedule, from)) {
    const begin = Math.max(s.start, from);
    if (begin + left <= s.end) return new Date(begin + left);
    left -= s.end - begin;
  }
  return null;
}

/**
 * Business milliseconds between two instants (0 when `to` ≤ `from`): how long a wait was in the team's open time
 * (holidays and closed days count nothing). A wait estimate built from wall-clock time would count a weekend as 64 hours.
 */
export function businessMsBetween(schedule: BusinessSchedule, from: Date, to: Date): number {
  let total = 0;
  for (const s of openSegments(schedule, from.getTime())) {
    if (s.start >= to.getTime()) break;
    total += Math.min(s.end, to.getTime()) - Math.max(s.start, from.getTime());
  }
  return total;
}

/** The hour of the week (0..167, Sunday 00:00 local = 0) of an instant: the wait estimate's bucket. */
export function hourOfWeek(at: Date, timeZone: string): number {
  return Math.floor(minuteOfWeek(at.getTime(), timeZone) / 60);
}
