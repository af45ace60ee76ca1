import type { Queryable } from './database.js';
import { MIGRATIONS } from './migrations.js';

export interface RecordedMigration {
  version: number;
  name: string;
}

/** Migrations recorded as applied that `known` does not hold: a newer relay migrated this database. */
export function unknownMigrations(recorded: readonly RecordedMigration[], known: readonly { version: number }[] = MIGRATIONS): RecordedMigration[] {
  const knownVersions = new Set(known.map((m) => m.version));
  return recorded.filter((m) => !knownVersions.has(m.version)).sort((a, b) => a.version - b.version);
}

/**
 * What a rollback started on a newer schema says. The start is not refused: a rollback would then need a down-migration
 * first, which Baton does not have; but the operator must know this relay neither knows nor maintains what the newer
 * migrations added (a column it does not fill, a table it does not purge).
 */
export function schemaAheadWarning(unknown: readonly RecordedMigration[]): string {
  const list = unknown.map((m) => `${m.version} (${m.name})`).join(', ');
  const one = unknown.length === 1;
  return (
    `the database schema is newer than this relay: ${one ? 'migration' : 'migrations'} ${list} ${one ? 'was' : 'were'} ` +
    'applied by a newer version that this one does not know; this is a rollback running on a newer schema. It runs, ' +
    'but leaves what those migrations added untouched: start the newer version again as soon as you can'
  );
}

/** The migrations this database recorded that this build does not know; none on a database at or behind it. */
export async function findUnknownMigrations(db: Queryable): Promise<RecordedMigration[]> {
  const { rows } = await db.query<RecordedMigration>('SELECT version, name FROM schema_migrations ORDER BY version');
  return unknownMigrations(rows.map((r) => ({ version: Number(r.version), name: String(r.name) })));
}
