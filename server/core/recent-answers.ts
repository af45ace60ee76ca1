import { singleFlight } from './single-flight.js';

/**
 * A lookup's answers kept for a short while, and shared while one is in flight: for a row that every request of a
 * burst reads and that rarely changes (a tenant's webhook secrets under a burst of Zendesk webhooks). `get` says
 * whether its answer was read just now; a caller that must not refuse on an old answer asks `refresh`, which always
 * reads (never joining a read already in flight) and keeps what it read. A missing row is never kept. Pure apart
 * from the lookup it wraps.
 *
 * An answer in the last fifth of its time is read again in the background by the first get that finds it there,
 * while that get and the next ones still answer from it: under steady traffic no request waits for the read when
 * the time runs out. Without that, every request arriving during the read waited for it, and with the database's
 * pool busy they piled up (bench/ingest.ts at half load: 130–300 ms stalls every ten seconds on PostgreSQL, when
 * the API key's row ran out). No answer is ever used past `ttlMs`.
 */
export interface RecentAnswers<K, V> {
  get(key: K): Promise<{ value: V | undefined; fresh: boolean }>;
  refresh(key: K): Promise<V | undefined>;
  /** Drops every kept answer; reads already in flight keep nothing and are not joined (they may predate the change). */
  forgetAll(): void;
}

/** The share of an answer's time after which a get starts reading it again in the background. */
export const REFRESH_AHEAD_AT = 0.8;

export function recentAnswers<K, V>(
  lookup: (key: K) => Promise<V | undefined>,
  { ttlMs, max, now = Date.now }: { ttlMs: number; max: number; now?: () => number },
): RecentAnswers<K, V> {
  const kept = new Map<K, { value: V; at: number }>();
  // Reads may finish out of order: only the one started last for a key may keep its answer.
  let reads = 0;
  const lastStarted = new Map<K, number>();

  function read(key: K): Promise<V | undefined> {
    const seq = ++reads;
    lastStarted.set(key, seq);
    return lookup(key).then(
      (value) => {
        if (lastStarted.get(key) !== seq) return value;
        lastStarted.delete(key);
        kept.delete(key);
        if (value === undefined) return value;
        kept.set(key, { value, at: now() });
        // Oldest first out: a Map iterates in insertion order, and a re-read re-inserts.
        if (kept.size > max) kept.delete(kept.keys().next().value as K);
        return value;
      },
      (error: unknown) => {
        if (lastStarted.get(key) === seq) lastStarted.delete(key);
        throw error;
      },
    );
  }

  // Concurrent gets of one key share one read.
  let shared = singleFlight(read);

  return {
    async get(key) {
      const hit = kept.get(key);
      const age = hit ? now() - hit.at : Infinity;
      if (hit && age < ttlMs) {
        // A failed background read is not this get's failure: the next get after the time is up reads and reports.
        if (age >= ttlMs * REFRESH_AHEAD_AT) shared(key).catch(() => {});
        return { value: hit.value, fresh: false };
      }
      return { value: await shared(key), fresh: true };
    },
    // Its own read: one already in flight may have started before the change the caller needs to see.
    refresh: read,
    forgetAll() {
      kept.clear();
      // Reads already in flight may predate the change that made the caller forget: they keep nothing, and no
      // get joins them.
      lastStarted.clear();
      shared = singleFlight(read);
    },
  };
}
