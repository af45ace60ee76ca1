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
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise, and applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.databaseUrl;
  const db = url
    ? await openPostgres(url, undefined, options.connectTimeoutMs).catch((error: unknown) => {
        throw databaseFailure(error, url);
      })
    : await openPglite(options.dataDir ? `${options.dataDir}/pglite` : undefined);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
