import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createScratchDatabase, openSuiteDatabase, POSTGRES_URL, warnIfPostgresSkipped } from '../test/backends.js';
import type { Database, Queryable } from './database.js';
import { openPostgres } from './postgres.js';
import { inSharedSnapshot } from './shared-snapshot.js';

warnIfPostgresSkipped('shared-snapshot.test.ts');

const OPTIONS = { connections: 3, settings: [`SET LOCAL work_mem = '8MB'`] };

/** Resolves once `n` callers are waiting in it: reads held here prove they run on `n` connections at once. */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived >= n) open();
    return opened;
  };
}

const countAndBackend = (q: Queryable) =>
  q.query<{ n: number; pid: number; work_mem: string }>(`SELECT (SELECT count(*)::int FROM snapshot_probe) AS n, pg_backend_pid() AS pid, current_setting('work_mem') AS work_mem`).then((r) => r.rows[0]!);

describe.each(BACKENDS)('one snapshot shared by several reads on %s', (backend) => {
  let db: Database;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ db, close } = await openSuiteDatabase(backend));
    await db.query(`CREATE TABLE snapshot_probe (n int)`);
    await db.query(`INSERT INTO snapshot_probe VALUES (1), (2)`);
  });
  afterAll(async () => {
    await close?.();
  });

  it('runs reads side by side on PostgreSQL, in order on PGlite, each seeing the same rows and settings', async () => {
    const reads = 3;
    // PGlite has one connection: a read held for the others would wait forever there.
    const together = barrier(backend === 'postgres' ? reads : 1);
    let committedMeanwhile = false;
    const results = await inSharedSnapshot(db, OPTIONS, async (run) => {
      const first = await run(countAndBackend);
      if (backend === 'postgres') {
        // Committed after the snapshot was taken: no read of it may see the row, on any connection.
        await db.query(`INSERT INTO snapshot_probe VALUES (3)`);
        committedMeanwhile = true;
      }
      const rest = await Promise.all(Array.from({ length: reads }, () => run(async (q) => {
        await together();
        return countAndBackend(q);
      })));
      return [first, ...rest];
    });
    expect(results.map((r) => r.n)).toEqual([2, 2, 2, 2]);
    expect(new Set(results.map((r) => r.work_mem))).toEqual(new Set(['8MB']));
    expect(new Set(results.map((r) => r.pid)).size).toBe(backend === 'postgres' ? reads : 1);
    if (committedMeanwhile) expect(Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM snapshot_probe`)).rows[0]!.n)).toBe(3);
  });

  it('fails as the read that failed, and the database stays usable', async () => {
    await expect(inSharedSnapshot(db, OPTIONS, async (run) => {
      await Promise.all([run(countAndBackend), run((q) => q.query(`SELECT * FROM no_such_table`))]);
    })).rejects.toThrow(/no_such_table/);
    expect((await inSharedSnapshot(db, OPTIONS, (run) => run(countAndBackend))).n).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(!POSTGRES_URL)('one snapshot shared by several reads on PostgreSQL, pool exhausted', () => {
  it('runs every read on the transaction’s own connection when no other is free (never waits for the pool)', async () => {
    const scratch = await createScratchDatabase();
    const db = await openPostgres(scratch.url, { poolSize: 2 });
    try {
      await db.query(`CREATE TABLE snapshot_probe (n int)`);
      await db.query(`INSERT INTO snapshot_probe VALUES (1)`);
      // The pool's other connection is held until the shared snapshot is done.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const isHeld = new Promise<void>((resolve) => (holding = resolve));
      const holder = db.transaction(async () => {
        holding();
        await held;
      });
      await isHeld;
      const results = await inSharedSnapshot(db, OPTIONS, (run) => Promise.all(Array.from({ length: 4 }, () => run(countAndBackend))));
      expect(results.map((r) => r.n)).toEqual([1, 1, 1, 1]);
      expect(new Set(results.map((r) => r.pid)).size).toBe(1);
      release();
      await holder;
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
