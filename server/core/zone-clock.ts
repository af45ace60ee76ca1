/**
 * Wall-clock time in an IANA time zone with nothing but Intl: the local fields of an instant, and the
 * instant a local wall time names (daylight-saving changes included). Kept in core so the schedule math
 * stays pure and free of adapter imports.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isIanaTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in the zone, read back as if they were UTC (milliseconds). */
export function wallClockMs(at: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value;
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/**
 * The instant a wall time (as UTC milliseconds) names in the zone. The offset is read twice so a wall
 * time on the other side of a DST change than the first guess is still right; a wall time skipped by a
 * spring-forward lands the same distance after the gap, which is what a clock set to it would show.
 */
export function instantOfWallClock(wallMs: number, timeZone: string): number {
  const guess = wallMs - (wallClockMs(wallMs, timeZone) - wallMs);
  return wallMs - (wallClockMs(guess, timeZone) - guess);
}

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDayOf(at: number, timeZone: string): string {
  return new Date(wallClockMs(at, timeZone)).toISOString().slice(0, 10);
}

export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday, as Zendesk counts schedule minutes from Sunday midnight. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Minutes since the local Sunday 00:00 of an instant (0..10079): Zendesk's "hour of the week" frame. */
export function minuteOfWeek(at: number, timeZone: string): number {
  const wall = wallClockMs(at, timeZone);
  const d = new Date(wall);
  return d.getUTCDay() * 1440 + d.getUTCHours() * 60 + d.getUTCMinutes();
}
