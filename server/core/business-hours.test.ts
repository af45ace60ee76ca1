import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessMinutes, businessMsBetween, hourOfWeek, isOpen, nextOpenAt, type BusinessSchedule } from './business-hours.js';
import { ianaTimeZone } from './rails-time-zones.js';

const DAY = 1440;
/** Mon–Fri 09:00–17:00, as Zendesk writes it: minutes since Sunday midnight. */
const weekdays9to5 = [1, 2, 3, 4, 5].map((d) => ({ startMinute: d * DAY + 540, endMinute: d * DAY + 1020 }));
const berlin: BusinessSchedule = { timeZone: 'Europe/Berlin', intervals: weekdays9to5, holidays: [] };
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('is open inside an interval and closed outside, in the schedule time zone', () => {
    expect(isOpen(berlin, at('2026-06-03T07:00:00Z'))).toBe(true); // Wed 09:00 CEST
    expect(isOpen(berlin, at('2026-06-03T06:59:00Z'))).toBe(false);
    expect(isOpen(berlin, at('2026-06-03T15:00:00Z'))).toBe(false); // 17:00 is closing time
    expect(isOpen(berlin, at('2026-06-06T10:00:00Z'))).toBe(false); // Saturday
  });

  it('finds the next opening over a weekend, and keeps an open instant as is', () => {
    expect(nextOpenAt(berlin, at('2026-06-05T16:00:00Z'))?.toISOString()).toBe('2026-06-08T07:00:00.000Z');
    expect(nextOpenAt(berlin, at('2026-06-03T10:00:00Z'))?.toISOString()).toBe('2026-06-03T10:00:00.000Z');
  });

  it('skips a holiday (whole local days, inclusive)', () => {
    const xmas: BusinessSchedule = { ...berlin, holidays: [{ startDate: '2026-12-24', endDate: '2026-12-25' }] };
    expect(isOpen(xmas, at('2026-12-24T10:00:00Z'))).toBe(false);
    expect(nextOpenAt(xmas, at('2026-12-23T17:00:00Z'))?.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    // Wed 23 Dec 16:30 CET + 60 business minutes: 30 that evening, 30 after the holiday and the weekend.
    expect(addBusinessMinutes(xmas, at('2026-12-23T15:30:00Z'), 60)?.toISOString()).toBe('2026-12-28T08:30:00.000Z');
  });

  it('opens at 09:00 local on both sides of a DST change', () => {
    // Berlin springs forward on Sunday 29 March 2026: 09:00 is 08:00Z before, 07:00Z after.
    expect(nextOpenAt(berlin, at('2026-03-27T16:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(addBusinessMinutes(berlin, at('2026-03-27T15:30:00Z'), 60)?.toISOString()).toBe('2026-03-30T07:30:00.000Z');
    // And falls back on Sunday 25 October 2026.
    expect(nextOpenAt(berlin, at('2026-10-23T16:00:00Z'))?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('counts a night shift written as two intervals meeting at midnight as one stretch', () => {
    // Mon 22:00–24:00 and Tue 00:00–06:00, New York; 24:00 is end_time 2 * 1440.
    const night: BusinessSchedule = {
      timeZone: ianaTimeZone('Eastern Time (US & Canada)')!,
      intervals: [{ startMinute: DAY + 1320, endMinute: 2 * DAY }, { startMinute: 2 * DAY, endMinute: 2 * DAY + 360 }],
      holidays: [],
    };
    expect(isOpen(night, at('2026-06-02T03:59:00Z'))).toBe(true); // Mon 23:59 EDT
    expect(isOpen(night, at('2026-06-02T04:01:00Z'))).toBe(true); // Tue 00:01
    expect(isOpen(night, at('2026-06-02T10:00:00Z'))).toBe(false); // Tue 06:00
    expect(addBusinessMinutes(night, at('2026-06-02T03:30:00Z'), 60)?.toISOString()).toBe('2026-06-02T04:30:00.000Z');
    expect(addBusinessMinutes(night, at('2026-06-02T09:30:00Z'), 60)?.toISOString()).toBe('2026-06-09T02:30:00.000Z');
  });

  it('wraps the week: Saturday until midnight then Sunday from midnight', () => {
    const weekend: BusinessSchedule = { timeZone: 'UTC', intervals: [{ startMinute: 6 * DAY + 1380, endMinute: 7 * DAY }, { startMinute: 0, endMinute: 60 }], holidays: [] };
    expect(addBusinessMinutes(weekend, at('2026-06-06T23:30:00Z'), 60)?.toISOString()).toBe('2026-06-07T00:30:00.000Z');
  });

  it('never opens: no next opening and no due time', () => {
    const closed: BusinessSchedule = { timeZone: 'UTC', intervals: [], holidays: [] };
    expect(nextOpenAt(closed, at('2026-06-03T10:00:00Z'))).toBeNull();
    expect(addBusinessMinutes(closed, at('2026-06-03T10:00:00Z'), 5)).toBeNull();
  });

  describe('business milliseconds between two instants (the wait-estimate sample)', () => {
    const ms = (s: BusinessSchedule, from: string, to: string) => businessMsBetween(s, at(from), at(to));

    it('counts nothing over a weekend: Friday 16:30 to Monday 09:10 is 40 minutes', () => {
      expect(ms(berlin, '2026-06-05T14:30:00Z', '2026-06-08T07:10:00Z')).toBe(40 * 60_000);
      // Inside one open stretch it is the wall-clock time; backwards or equal is nothing.
      expect(ms(berlin, '2026-06-03T08:00:00Z', '2026-06-03T08:07:30Z')).toBe(450_000);
      expect(ms(berlin, '2026-06-08T07:10:00Z', '2026-06-05T14:30:00Z')).toBe(0);
    });

    it('counts nothing on a holiday: Wednesday 16:30 before Christmas to Monday 09:10 is 40 minutes', () => {
      const xmas: BusinessSchedule = { ...berlin, holidays: [{ startDate: '2026-12-24', endDate: '2026-12-25' }] };
      expect(ms(xmas, '2026-12-23T15:30:00Z', '2026-12-28T08:10:00Z')).toBe(40 * 60_000);
      expect(ms(berlin, '2026-12-23T15:30:00Z', '2026-12-28T08:10:00Z')).toBe((30 + 2 * 480 + 10) * 60_000);
    });

    it('counts local hours across a DST change: the Friday before to the Monday after, both ways', () => {
      // Spring forward (29 March 2026): 16:30 CET is 15:30Z, Monday 09:10 CEST is 07:10Z.
      expect(ms(berlin, '2026-03-27T15:30:00Z', '2026-03-30T07:10:00Z')).toBe(40 * 60_000);
      // Fall back (25 October 2026): 16:30 CEST is 14:30Z, Monday 09:10 CET is 08:10Z.
      expect(ms(berlin, '2026-10-23T14:30:00Z', '2026-10-26T08:10:00Z')).toBe(40 * 60_000);
    });

    it('counts nothing on a day the schedule is closed all day, and nothing at all on a schedule that never opens', () => {
      // Mon–Thu only: Thursday 16:30 to Monday 09:10 skips the closed Friday as it skips the weekend.
      const monToThu: BusinessSchedule = { ...berlin, intervals: weekdays9to5.slice(0, 4) };
      expect(ms(monToThu, '2026-06-04T14:30:00Z', '2026-06-08T07:10:00Z')).toBe(40 * 60_000);
      const closed: BusinessSchedule = { timeZone: 'UTC', intervals: [], holidays: [] };
      expect(ms(closed, '2026-06-05T14:30:00Z', '2026-06-08T07:10:00Z')).toBe(0);
    });
  });

  it('maps Zendesk (Rails) time-zone names to IANA', () => {
    expect(ianaTimeZone('Pacific Time (US & Canada)')).toBe('America/Los_Angeles');
    expect(ianaTimeZone('Tokyo')).toBe('Asia/Tokyo');
    expect(ianaTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(ianaTimeZone('Atlantis')).toBeNull();
  });

  it('hour of the week is local', () => {
    expect(hourOfWeek(at('2026-06-01T07:30:00Z'), 'Europe/Berlin')).toBe(24 + 9); // Monday 09:30 CEST
  });

  it('adding n business minutes spends exactly n business minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-01-01') }), fc.integer({ min: 0, max: 5000 }), (startMs, n) => {
        const start = new Date(startMs - (startMs % 60_000));
        const due = addBusinessMinutes(berlin, start, n)!;
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMsBetween(berlin, start, due)).toBe(n * 60_000);
      }),
      { numRuns: 60 },
    );
  });
});
