import { describe, expect, it } from 'vitest';
import { addTo, bucketOf, percentiles, RELATIVE_ERROR, ZERO_BUCKET, type Histogram } from './histogram.js';

/** percentile_cont over exact values, as PostgreSQL computes it. */
function exact(values: number[], f: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = f * (sorted.length - 1);
  const lo = Math.floor(position);
  return sorted[lo]! + (position - lo) * (sorted[Math.ceil(position)]! - sorted[lo]!);
}

const histogramOf = (values: number[]) => {
  const h: Histogram = new Map();
  for (const v of values) addTo(h, bucketOf(v), 1);
  return h;
};

describe('duration histograms', () => {
  it('give the median and p90 within the stated 2 % of the exact percentiles', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const size of [1, 2, 3, 10, 101, 5000]) {
      // Spread over seconds to days, like first replies and solves.
      const values = Array.from({ length: size }, () => Math.exp(random() * 12) * (0.5 + random()));
      const got = percentiles(histogramOf(values), [0.5, 0.9])!;
      for (const [i, f] of [0.5, 0.9].entries()) {
        const want = exact(values, f);
        expect(Math.abs(got[i]! - want) / want, `${size} values, p${f * 100}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
      }
    }
    expect(RELATIVE_ERROR).toBeLessThan(0.02);
  });

  it('keeps zero durations exact and says nothing about an empty histogram', () => {
    expect(bucketOf(0)).toBe(ZERO_BUCKET);
    expect(percentiles(histogramOf([0, 0, 0]), [0.5, 0.9])).toEqual([0, 0]);
    expect(percentiles(new Map(), [0.5])).toBeNull();
  });
});
