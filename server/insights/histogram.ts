/**
 * Durations kept as log-spaced histograms, so the outcome percentiles of rolled-up days are summed from
 * a few hundred bucket counts instead of sorting every handoff. Bucket b holds [1.04^b, 1.04^(b+1))
 * seconds and stands for its geometric middle 1.04^(b+0.5), at most a factor √1.04 (< 2 %) from any
 * value in it. A percentile interpolates between two values that are each within 2 % (both positive),
 * so it is within 2 % of `percentile_cont` over the exact durations. Zero (or negative) durations have a
 * bucket of their own that stands for 0 exactly. (1.04 rather than 1.02: half the rows per rolled day, about
 * 320 per kind and AI agent for durations of a second to three days, which is what a long period sums.)
 */
export const BUCKET_RATIO = 1.04;
/** The relative error bound of a percentile read from the histogram: √1.04 − 1 ≈ 1.98 %. */
export const RELATIVE_ERROR = Math.sqrt(BUCKET_RATIO) - 1;
export const ZERO_BUCKET = -1_000_000;

/** SQL: the bucket of a duration in seconds (float8); the same formula as `bucketOf`. */
export const bucketSql = (seconds: string) =>
  `CASE WHEN ${seconds} <= 0 THEN ${ZERO_BUCKET} ELSE floor(ln(${seconds}) / ln(${BUCKET_RATIO}::float8))::int END`;

export function bucketOf(seconds: number): number {
  return seconds <= 0 ? ZERO_BUCKET : Math.floor(Math.log(seconds) / Math.log(BUCKET_RATIO));
}

export function bucketValue(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : BUCKET_RATIO ** (bucket + 0.5);
}

/** Bucket → count. */
export type Histogram = Map<number, number>;

export function addTo(into: Histogram, bucket: number, n: number): void {
  into.set(bucket, (into.get(bucket) ?? 0) + n);
}

export function total(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * `percentile_cont` over the histogram: the value at position f·(n−1) of the sorted durations,
 * interpolated between its two neighbours; each duration is its bucket's middle. Null when empty.
 */
export function percentiles(h: Histogram, fractions: readonly number[]): number[] | null {
  const n = total(h);
  if (n === 0) return null;
  const buckets = [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const at = (index: number) => {
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (index < seen) return bucketValue(bucket);
    }
    return bucketValue(buckets.at(-1)![0]);
  };
  return fractions.map((f) => {
    const position = f * (n - 1);
    const lo = Math.floor(position);
    const hi = Math.ceil(position);
    const low = at(lo);
    return low + (position - lo) * (at(hi) - low);
  });
}
