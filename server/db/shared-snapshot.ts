import type { Database, Queryable } from './database.js';
import { readSnapshot } from './read-snapshot.js';

/** Runs one read of a snapshot: on whichever of the snapshot's connections is free first. */
export type SnapshotRun = <T>(read: (q: Queryable) => Promise<T>) => Promise<T>;

export interface SharedSnapshotOptions {
  /** Connections in all, the transaction's own included; 1 (and always on PGlite, which has one) runs every read on it in order. */
  connections: number;
  /** SET LOCAL statements every connection of the snapshot runs first (work_mem and the like). */
  settings: readonly string[];
}

/** Runs reads one after another on one connection (or transaction): the same reads without a shared snapshot. */
export function sequentially(q: Queryable): SnapshotRun {
  let last: Promise<unknown> = Promise.resolve();
  return (read) => {
    const result = last.then(() => read(q));
    last = result.catch(() => {});
    return result;
  };
}

// What pg_export_snapshot() returns (e.g. 00000003-0000001B-1); checked because it is spliced into SQL.
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i;
type Job = (q: Queryable) => Promise<void>;
const STOP = Symbol('stop');

/**
 * One read-only REPEATABLE READ snapshot for many independent reads. On PostgreSQL the transaction exports its
 * snapshot and up to `connections − 1` more pool connections import it (SET TRANSACTION SNAPSHOT), so reads run in
 * parallel and still see exactly the same data: the figures of one report keep adding up.
 *
 * No deadlock on a busy pool: the transaction's own connection takes every read no other connection has taken, so
 * it never waits for the pool; a helper connection that arrives late finds nothing to do (or the snapshot over)
 * and ends its empty transaction. A helper imports the snapshot only once it holds a read, and the exporting
 * transaction stays open until every read has finished, so the import always finds the snapshot alive.
 */
export function inSharedSnapshot<T>(db: Database, options: SharedSnapshotOptions, fn: (run: SnapshotRun) => Promise<T>): Promise<T> {
  return readSnapshot(db, async (tx) => {
    for (const setting of options.settings) await tx.query(setting);
    const helpers = db.kind === 'postgres' ? Math.max(0, options.connections - 1) : 0;
    const snapshotId = helpers > 0 ? await exportSnapshot(tx) : null;

    const queue: Job[] = [];
    const idle: Array<(job: Job | typeof STOP) => void> = [];
    let requested = 0;
    let finished = false;
    // The next read to run, or STOP once the caller has its answer (reads it left behind are dropped).
    const take = async (): Promise<Job | typeof STOP> =>
      finished ? STOP : (queue.shift() ?? new Promise<Job | typeof STOP>((resolve) => idle.push(resolve)));
    const dispatch = (job: Job) => {
      const waiting = idle.shift();
      if (waiting) waiting(job);
      else queue.push(job);
    };
    const work = async (q: Queryable, beforeFirst?: () => Promise<void>) => {
      for (let job = await take(); job !== STOP; job = await take()) {
        if (beforeFirst) {
          try {
            await beforeFirst();
          } catch (error) {
            dispatch(job); // the transaction's own connection runs it instead
            throw error;
          }
          beforeFirst = undefined;
        }
        await job(q);
      }
    };
    // Imports only once it holds a read: while that read is unfinished the exporting transaction is open.
    const helper = () =>
      db.transaction((h) =>
        work(h, async () => {
          await h.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
          await h.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
          for (const setting of options.settings) await h.query(setting);
        }),
      );
    const run: SnapshotRun = (read) =>
      new Promise((resolve, reject) => {
        dispatch((q) => read(q).then(resolve, reject));
        if (queue.length > 0 && requested < helpers) {
          requested++;
          // A connection that never comes, or an import refused, leaves the reads to the others.
          helper().catch(() => {});
        }
      });

    const own = work(tx);
    try {
      return await fn(run);
    } finally {
      finished = true;
      for (const wake of idle.splice(0)) wake(STOP);
      await own;
    }
  });
}

async function exportSnapshot(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(`SELECT pg_export_snapshot() AS id`);
  const id = rows[0]!.id;
  if (!SNAPSHOT_ID.test(id)) throw new Error(`unexpected snapshot id ${id}`);
  return id;
}
