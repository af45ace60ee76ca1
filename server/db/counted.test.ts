import { describe, expect, it } from 'vitest';
import { countStatements } from './counted.js';
import { BACKENDS, openSuiteDatabase, warnIfPostgresSkipped } from '../test/backends.js';

warnIfPostgresSkipped('counted.test.ts');

describe.each(BACKENDS)('statement counts on %s', (backend) => {
  it('counts every statement, a transaction as its statements plus BEGIN and COMMIT or ROLLBACK', async () => {
    const suite = await openSuiteDatabase(backend);
    try {
      const { db, counts } = countStatements(suite.db);
      await db.query('SELECT 1');
      await db.transaction(async (tx) => {
        await tx.query('SELECT 2');
        await tx.query('SELECT 3');
      });
      expect(counts).toEqual({ statements: 1 + 2 + 2, transactions: 1 });
      await expect(db.transaction(async (tx) => {
        await tx.query('SELECT 4');
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(counts).toEqual({ statements: 5 + 1 + 2, transactions: 2 });
      expect(db.kind).toBe(suite.db.kind);
    } finally {
      await suite.close();
    }
  });
});
