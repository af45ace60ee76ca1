import { describe, expect, it } from 'vitest';
import { BatonError } from '../core/errors.js';
import { bucketStarts, countableBefore, resolvePeriod, rollableBefore, splitForRollups } from './period.js';

const now = new Date('2026-11-24T15:30:00Z');

describe('insights periods', () => {
  it('defaults to the 30 days before now, with the 30 days before that as the baseline', () => {
    const p = resolvePeriod({}, now);
    expect(p.to).toEqual(now);
    expect(p.from.toISOString()).toBe('2026-10-25T15:30:00.000Z');
    expect(p.previousFrom.toISOString()).toBe('2026-09-25T15:30:00.000Z');
    expect(p.bucket).toBe('day');
  });

  it('reads dates as whole UTC days, the end day included', () => {
    const p = resolvePeriod({ from: '2026-10-01', to: '2026-10-31' }, now);
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect(bucketStarts(p)).toHaveLength(31);
  });

  it('starts weekly buckets on the Monday of the first week', () => {
    const p = resolvePeriod({ from: '2026-10-01', to: '2026-10-31', bucket: 'week' }, now);
    expect(bucketStarts(p)).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
  });

  it('refuses an empty, reversed or over-long period', () => {
    for (const input of [{ from: '2026-10-02', to: '2026-10-01' }, { from: '2026-10-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, { from: '2024-01-01', to: '2026-01-01' }]) {
      expect(() => resolvePeriod(input, now)).toThrow(BatonError);
    }
  });
});

describe('splitting a period between rollups and live rows', () => {
  const rollable = rollableBefore(now); // 2026-11-16T00:00Z
  const d = (iso: string) => new Date(iso);

  it('rolls up whole days older than eight days and reads the rest live', () => {
    expect(rollable.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(splitForRollups(d('2026-10-25T15:30:00Z'), now, rollable)).toEqual({
      rolled: [d('2026-10-26T00:00:00Z'), d('2026-11-16T00:00:00Z')],
      live: [[d('2026-10-25T15:30:00Z'), d('2026-10-26T00:00:00Z')], [d('2026-11-16T00:00:00Z'), now]],
    });
  });

  it('rolls up the counts of whole days older than one day: only yesterday and today are read live', () => {
    const countable = countableBefore(now);
    expect(countable.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(splitForRollups(d('2026-10-25T15:30:00Z'), now, countable)).toEqual({
      rolled: [d('2026-10-26T00:00:00Z'), d('2026-11-23T00:00:00Z')],
      live: [[d('2026-10-25T15:30:00Z'), d('2026-10-26T00:00:00Z')], [d('2026-11-23T00:00:00Z'), now]],
    });
  });

  it('reads a period of midnights in the past from rollups alone', () => {
    expect(splitForRollups(d('2026-10-01T00:00:00Z'), d('2026-11-01T00:00:00Z'), rollable)).toEqual({ rolled: [d('2026-10-01T00:00:00Z'), d('2026-11-01T00:00:00Z')], live: [] });
  });

  it('reads a recent or short period live', () => {
    expect(splitForRollups(d('2026-11-20T00:00:00Z'), now, rollable)).toEqual({ rolled: null, live: [[d('2026-11-20T00:00:00Z'), now]] });
    expect(splitForRollups(d('2026-10-01T08:00:00Z'), d('2026-10-01T20:00:00Z'), rollable)).toEqual({ rolled: null, live: [[d('2026-10-01T08:00:00Z'), d('2026-10-01T20:00:00Z')]] });
  });
});
