import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { databaseFailure } from '../startup-errors.js';

export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  /** PGlite data directory; undefined with no URL = in memory. */
  dataDir: string | undefined;
  /** PostgreSQL only: see DEFAULT_DATABASE_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: see DEFAULT_DATABASE_QUERY_TIMEOUT_MS. */
  queryTimeoutMs?: number;
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise, and applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.databaseUrl;
  if (!url) return migrated(await openPglite(options.dataDir ? `${options.dataDir}/pglite` : undefined));
  const open = (queryTimeoutMs: number | undefined, poolSize?: number) =>
    openPostgres(url, { connectTimeoutMs: options.connectTimeoutMs, queryTimeoutMs, poolSize }).catch((error: unknown) => {
      throw databaseFailure(error, url);
    });
  // Migrations on a connection of their own without the statement timeout: an index build may take minutes.
  await (await migrated(await open(0, 1))).close();
  return open(options.queryTimeoutMs);
}

async function migrated(db: Database): Promise<Database> {
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
