import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.js';
import { acquireDirLock } from './dir-lock.js';

/**
 * Embedded PostgreSQL in this process. PGlite has one session and serializes transactions, so
 * `FOR UPDATE SKIP LOCKED` never has a competitor here; it matters on the server adapter.
 * `dataDir` undefined = in memory (tests).
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const release = dataDir ? acquireDirLock(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const result = await q.query<R>(text, params as unknown[] | undefined);
      // affectedRows is 0 for a SELECT: count returned rows then.
      return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
    },
  });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
