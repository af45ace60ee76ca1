/**
 * A platform often posts a burst of end-user lines at once, and behind a balancer the burst lands on several
 * relay processes, each committing its share a few milliseconds apart. The worker that claims the burst's
 * first line carries every line queued behind it into one ticket comment, so it waits until the first line
 * is this old before looking: the rest of the burst is then committed and shares the comment instead of
 * costing a ticket update each (Zendesk allows 30 per ticket per 10 minutes).
 */
export const LINE_GATHER_MS = 25;

/**
 * How long to wait before gathering the lines queued behind one written at `queuedAtMs`: never more than
 * `gatherMs`, and nothing for a line that waited that long already (a worker catching up adds no delay).
 * A clock skew between relay and database moves the wait within those bounds only.
 */
export function lineGatherDelayMs(queuedAtMs: number, nowMs: number, gatherMs = LINE_GATHER_MS): number {
  return Math.min(gatherMs, Math.max(0, queuedAtMs + gatherMs - nowMs));
}
