/**
 * The scheduling of a group commit, without the commit: items queued while a batch is being committed go
 * into the next batch, so many arrivals share one transaction. Up to `maxConcurrent` batches run at once,
 * and they never share a key (a session, a ticket): two batches holding the same key would wait on each
 * other's row locks, and the key's items would lose their arrival order. A key whose earlier item stays
 * queued keeps its later ones queued too.
 */
export function createGroupCommit<T>(options: {
  /** The unit of ordering and locking. */
  keyOf: (item: T) => string;
  maxBatch: number;
  maxConcurrent: number;
  /** Commits one batch; it settles each item's caller itself and must not throw. */
  commit: (batch: T[]) => Promise<void>;
}): { push: (item: T) => void } {
  let queue: T[] = [];
  let running = 0;
  const busy = new Set<string>();

  /** Up to maxBatch queued items of keys no batch holds; the rest stay queued, in order. */
  function takeBatch(): T[] {
    const batch: T[] = [];
    const rest: T[] = [];
    const blocked = new Set<string>();
    for (const item of queue) {
      const key = options.keyOf(item);
      if (batch.length < options.maxBatch && !busy.has(key) && !blocked.has(key)) batch.push(item);
      else {
        blocked.add(key);
        rest.push(item);
      }
    }
    queue = rest;
    return batch;
  }

  async function drain(): Promise<void> {
    running++;
    try {
      // Yield to the event loop first: requests whose bytes already arrived join this batch. PGlite runs
      // inside this thread, so without the yield each request would commit alone.
      await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        const batch = takeBatch();
        if (batch.length === 0) break;
        const keys = new Set(batch.map(options.keyOf));
        for (const key of keys) busy.add(key);
        try {
          await options.commit(batch);
        } finally {
          for (const key of keys) busy.delete(key);
        }
        // Items that waited for this batch's keys may now go, alongside this loop's next batch.
        startDrains();
        if (queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      running--;
    }
  }

  function startDrains(): void {
    if (queue.length > 0 && running < options.maxConcurrent) void drain();
  }

  return {
    push(item: T): void {
      queue.push(item);
      startDrains();
    },
  };
}

/** Runs `each` for every item: keys side by side, each key's items one after another in their order. */
export async function inOrderPerKey<T>(items: readonly T[], keyOf: (item: T) => string, each: (item: T) => Promise<void>): Promise<void> {
  const byKey = new Map<string, T[]>();
  for (const item of items) byKey.set(keyOf(item), [...(byKey.get(keyOf(item)) ?? []), item]);
  await Promise.all([...byKey.values()].map(async (ordered) => {
    for (const item of ordered) await each(item);
  }));
}
