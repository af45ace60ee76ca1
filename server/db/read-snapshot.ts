import type { Database, Queryable } from './database.js';

/**
 * Runs reads in one REPEATABLE READ, read-only transaction, so together they see one moment of the database. Read
 * apart, a commit landing between them shows half of a change: an agent's reply in the transcript of a session
 * whose state, read just before, is still "waiting".
 */
export function readSnapshot<T>(db: Database, reads: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return reads(tx);
  });
}
