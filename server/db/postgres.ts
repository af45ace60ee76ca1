import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.js';
import { preparedName } from './prepared.js';

/**
 * How long opening a connection may take before it fails as an unreachable database (db/reachability.ts). Without it
 * a host that silently drops packets (a firewall, a dead route, a failed-over address) made every query wait for ever
 * and nothing was logged. A healthy server, even across regions with TLS and SCRAM, connects in well under a second; a
 * busy one or a failover may take a few: 10 s does not turn those into failures, and still answers a waiting API
 * request (503, Retry-After) before the usual 30 s of a client's or balancer's timeout. pg-pool applies the same bound
 * to a request waiting for a free connection of a saturated pool.
 */
export const DEFAULT_DATABASE_CONNECT_TIMEOUT_MS = 10_000;

/**
 * How long a statement may go unanswered on an open connection; 0 (the default) = no bound. A host that starts dropping
 * packets under an open connection is not noticed by TCP for ~15 minutes (retransmissions): every API request and the
 * outbox wait that long, silently. A bound ends such a wait as "database unreachable" (503 with Retry-After, one
 * warning) and discards the connection. It is off by default because the pool also runs the insights roll-up, whose
 * first pass over a large tenant's history is one statement per tenant that can run for minutes (the bench's 1M-session
 * seed already outlived 60 s): a bound below that would fail it on every tick. Migrations never have it.
 */
export const DEFAULT_DATABASE_QUERY_TIMEOUT_MS = 0;

/** node-postgres' error for a statement that outlived `query_timeout` (it has no code). */
const isQueryTimeout = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';

export interface PostgresOptions {
  poolSize?: number;
  connectTimeoutMs?: number;
  /** 0: statements may run for ever (migrations). */
  queryTimeoutMs?: number;
}

// timestamptz and bigint arrive as strings by default; the stores convert explicitly where needed.
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { poolSize = 10, connectTimeoutMs = DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, queryTimeoutMs = DEFAULT_DATABASE_QUERY_TIMEOUT_MS } = options;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    ...(queryTimeoutMs > 0 ? { query_timeout: queryTimeoutMs } : {}),
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node exits.
  pool.on('error', () => {});
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const name = preparedName(text);
      const values = params as unknown[] | undefined;
      const result = await (name ? q.query({ name, text, values }) : q.query(text, values));
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
  });
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection cut while the client is checked out is an 'error' event on the client (the pool listens to
      // idle ones only): unheard, it ended the process when the database went away mid-transaction. The statement
      // in flight rejects anyway; the broken client is discarded on release instead of going back to the pool.
      let broken: Error | undefined;
      const onError = (error: Error) => void (broken ??= error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A statement that timed out is still the connection's active one: a ROLLBACK would queue behind it and time
        // out too. Discarding the connection ends the transaction on the server.
        if (isQueryTimeout(error)) broken ??= error as Error;
        else await client.query('ROLLBACK').catch((e: Error) => void (broken ??= e));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
