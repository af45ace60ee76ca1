import { instantOfWallClock, isIanaTimeZone, wallClockMs } from '../core/zone-clock.js';

/**
 * Calendar days in an IANA time zone (daylight-saving changes included): which local day an instant falls
 * on, and the instant a local day starts. Insights buckets and date-only period bounds are local days of the
 * admin's time zone. The wall-clock arithmetic is core/zone-clock.ts, shared with the business-hours math.
 */
export const isTimeZone = isIanaTimeZone;

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(at: Date, timeZone: string): string {
  return new Date(wallClockMs(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The instant a local day begins (a day that starts in another offset than a first guess is still right). */
export function localMidnight(day: string, timeZone: string): Date {
  return new Date(instantOfWallClock(Date.parse(`${day}T00:00:00Z`), timeZone));
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the ISO week a calendar day belongs to. */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}
