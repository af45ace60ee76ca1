import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { MIGRATIONS } from '../db/migrations.js';
import { createScratchDatabase, POSTGRES_URL } from './backends.js';

const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING migrations.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

suite('migrations on PostgreSQL', () => {
  it('several relays starting at once on a fresh database all start, each migration applied once', async () => {
    // A race, so a few rounds: before the fix most rounds lost all but one opener to pg_type's unique index.
    for (let round = 0; round < 3; round++) {
      const scratch = await createScratchDatabase();
      try {
        const opened = await Promise.allSettled([0, 1, 2, 3].map(() => openDatabase({ databaseUrl: scratch.url, dataDir: undefined })));
        const failures = opened.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        const dbs = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        try {
          expect(failures).toEqual([]);
          const versions = await dbs[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
          expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        } finally {
          await Promise.all(dbs.map((db) => db.close()));
        }
      } finally {
        await scratch.drop();
      }
    }
  }, 120_000);
});
