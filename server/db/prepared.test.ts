import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';
import { prepared } from './prepared.js';
import { createScratchDatabase, POSTGRES_URL, warnIfPostgresSkipped } from '../test/backends.js';

warnIfPostgresSkipped('prepared.test.ts');

const REGISTERED = prepared('SELECT $1::int + 1 AS n');

describe.runIf(POSTGRES_URL)('prepared statements on PostgreSQL', () => {
  it('runs a registered text as a named statement of its connection; other texts stay unnamed', async () => {
    const scratch = await createScratchDatabase();
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: undefined });
    try {
      const names = await db.transaction(async (tx) => {
        expect((await tx.query<{ n: number }>(REGISTERED, [1])).rows[0]!.n).toBe(2);
        expect((await tx.query<{ n: number }>(REGISTERED, [41])).rows[0]!.n).toBe(42);
        await tx.query('SELECT $1::int AS unregistered', [1]);
        const { rows } = await tx.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements');
        return rows;
      });
      expect(names).toEqual([{ name: expect.stringMatching(/^baton_\d+$/), statement: REGISTERED }]);
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
