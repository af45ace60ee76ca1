import { describe, expect, it } from 'vitest';
import { BatonError } from '../core/errors.js';
import { bucketStarts, resolvePeriod } from './period.js';

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
