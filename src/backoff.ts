/** First retry after 2 s, doubling up to 30 s: quick when a blip, gentle on Zendesk's rate-limited proxy when down. */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

/** The wait before retry number `failures` (1 = after the first failure). */
export function backoffMs(failures: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}
