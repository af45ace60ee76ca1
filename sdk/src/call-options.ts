/** What every SDK method takes last: its own abort signal, and for the calls the relay dedupes by key, the key. */
export interface CallOptions {
  /** Reuse one key to make a retry of YOUR call (e.g. after a crash) return the first result. */
  idempotencyKey?: string;
  /** Aborts the call at once, in flight or during a retry back-off; it rejects with the signal's reason. */
  signal?: AbortSignal;
}
