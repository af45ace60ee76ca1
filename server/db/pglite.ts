import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.js';
import { acquireDirLock } from './dir-lock.js';
import { createStatementCache } from './pglite-statements.js';
import { preparedName } from './prepared.js';

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
  const statements = createStatementCache(pg, (text) => preparedName(text) !== undefined);
  // Reads and writes go through the statement cache under the locks PGlite's own `query` takes: inside a
  // transaction the query lock (the transaction holds its own), outside one both, then the file-system sync
  // PGlite does after a statement outside a transaction. DDL (the migrations) keeps PGlite's `query`.
  const root: Queryable = {
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      if (!statements.cacheable(text)) return viaPglite<R>(pg, text, params);
      await pg.waitReady;
      if (pg.closed) throw new Error('PGlite is closed');
      return pg._runExclusiveTransaction(() =>
        pg.runExclusive(async () => {
          const result = await statements.run<R>(text, params);
          await pg.syncToFs();
          return result;
        }),
      );
    },
  };
  const inTransaction = (tx: Transaction): Queryable => ({
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      if (!statements.cacheable(text)) return viaPglite<R>(tx, text, params);
      if (tx.closed) throw new Error('Transaction is closed');
      return pg.runExclusive(() => statements.run<R>(text, params));
    },
  });
  return {
    kind: 'pglite',
    query: root.query,
    transaction: (fn) => pg.transaction((tx) => fn(inTransaction(tx))),
    async close() {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}

async function viaPglite<R>(q: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
  const result = await q.query<R>(text, params as unknown[] | undefined);
  // affectedRows is 0 for a SELECT: count returned rows then.
  return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
}
