import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';

/**
 * The integration suites run once per database backend: embedded PGlite always, PostgreSQL when
 * DATABASE_URL is set (`.ci/run` sets it). Without it the PostgreSQL runs are skipped with a warning.
 */
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

export type Backend = 'pglite' | 'postgres';

export const BACKENDS: Backend[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

let warned = false;
export function warnIfPostgresSkipped(suite: string): void {
  if (POSTGRES_URL || warned) return;
  warned = true;
  console.warn(
    `\n⚠️  SKIPPING the PostgreSQL runs of ${suite} (and other suites): DATABASE_URL is not set.\n` +
      '   Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (as .ci/run does) to run them.\n',
  );
}

/** A fresh database per suite on the server, dropped afterwards, so suites never see each other's rows. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!POSTGRES_URL) throw new Error('DATABASE_URL is not set');
  const name = `baton_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A database of one suite's own: PGlite in memory, or a scratch database on the server; close() drops it. */
export async function openSuiteDatabase(backend: Backend): Promise<{ db: Database; close: () => Promise<void> }> {
  const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const db = await openDatabase({ databaseUrl: scratch?.url, dataDir: undefined });
  return {
    db,
    async close() {
      await db.close();
      await scratch?.drop();
    },
  };
}
