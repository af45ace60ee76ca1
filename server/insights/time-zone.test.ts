import { describe, expect, it } from 'vitest';
import { addDays, isTimeZone, localDay, localMidnight, mondayOf } from './time-zone.js';

describe('local days in a time zone', () => {
  it('finds the instant a local day starts, across daylight-saving changes and half-hour offsets', () => {
    expect(localMidnight('2026-10-01', 'UTC').toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(localMidnight('2026-10-01', 'America/Los_Angeles').toISOString()).toBe('2026-10-01T07:00:00.000Z'); // PDT
    expect(localMidnight('2026-11-02', 'America/Los_Angeles').toISOString()).toBe('2026-11-02T08:00:00.000Z'); // PST since Nov 1
    expect(localMidnight('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // CET, the day DST starts
    expect(localMidnight('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z'); // CEST
    expect(localMidnight('2026-10-01', 'Asia/Kolkata').toISOString()).toBe('2026-09-30T18:30:00.000Z');
  });

  it('tells the local day of an instant', () => {
    expect(localDay(new Date('2026-10-01T06:59:59Z'), 'America/Los_Angeles')).toBe('2026-09-30');
    expect(localDay(new Date('2026-10-01T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-10-01');
    expect(localDay(new Date('2026-09-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-10-01');
  });

  it('does calendar arithmetic and knows real zones', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(mondayOf('2026-10-01')).toBe('2026-09-28');
    expect(mondayOf('2026-09-28')).toBe('2026-09-28');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
