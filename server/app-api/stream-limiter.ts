/** Live streams one stream token may hold open at once (a sidebar needs one; a reload briefly two). */
export const MAX_STREAMS_PER_TOKEN = 3;

/**
 * Counts the open streams of each token in this process, so a leaked token cannot hold hundreds of
 * polling streams. Per process by design: a token opened on several relays behind a balancer can hold
 * this many on each, which still bounds it by the number of relays.
 */
export function createStreamLimiter(maxPerToken = MAX_STREAMS_PER_TOKEN) {
  const open = new Map<string, number>();
  return {
    /** A release function when the stream may open (call it exactly once when it closes), else undefined. */
    tryOpen(token: string): (() => void) | undefined {
      const count = open.get(token) ?? 0;
      if (count >= maxPerToken) return undefined;
      open.set(token, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(token) ?? 1) - 1;
        if (left <= 0) open.delete(token);
        else open.set(token, left);
      };
    },
  };
}
