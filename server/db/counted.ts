import type { Database, Queryable } from './database.js';

/** Statements and transactions a process sent to its database since it started. */
export interface StatementCounts {
  /** Every statement, BEGIN and COMMIT (or ROLLBACK) included: one round trip each on a PostgreSQL server. */
  statements: number;
  transactions: number;
}

/**
 * The database with each statement counted. Counts do not wander with the machine's load as timings do, so the
 * benches print statements per agent reply and per message beside their timings, and operators see the rate on
 * /metrics (`baton_db_statements_total`).
 */
export function countStatements(db: Database): { db: Database; counts: StatementCounts } {
  const counts: StatementCounts = { statements: 0, transactions: 0 };
  const counted = (q: Queryable): Queryable => ({
    query(text, params) {
      counts.statements++;
      return q.query(text, params);
    },
  });
  const root = counted(db);
  return {
    counts,
    db: {
      kind: db.kind,
      query: root.query,
      transaction(fn) {
        counts.transactions++;
        counts.statements += 2; // BEGIN, then COMMIT or ROLLBACK
        return db.transaction((tx) => fn(counted(tx)));
      },
      close: () => db.close(),
    },
  };
}
