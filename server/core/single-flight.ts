/**
 * Concurrent lookups of one key share one call: while a lookup is in flight, callers asking for the same key
 * get its answer instead of starting another. Nothing is kept once it settles, so no caller sees an answer
 * older than a lookup that was still running when it asked. Under a burst of callbacks to one AI agent this
 * turns a query per callback into a query per burst.
 */
export function singleFlight<K, V>(lookup: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const inFlight = new Map<K, Promise<V>>();
  return (key) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = lookup(key).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
