import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { isUniqueViolation, type Database } from './database.js';
import { openPglite } from './pglite.js';
import { createStatementCache } from './pglite-statements.js';
import { prepared } from './prepared.js';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(): Promise<Database> {
  db = await openPglite(undefined);
  await db.query(`CREATE TABLE t (id text PRIMARY KEY, n bigint, at timestamptz, doc jsonb, tags text[], ok boolean, note text)`);
  return db;
}

const namedStatements = async (q: Database) =>
  (await q.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements ORDER BY name`)).rows.map((r) => r.statement);

const READ_ONE = prepared('SELECT id, n, at, doc, tags, ok, note FROM t WHERE id = $1');
const READ_ALL = prepared('SELECT * FROM t');

describe('PGlite statement cache', () => {
  it('answers like PGlite’s own query: types both ways, row counts, nulls', async () => {
    const d = await open();
    const at = new Date('2026-12-02T03:04:05.678Z');
    const insert = await d.query(`INSERT INTO t (id, n, at, doc, tags, ok, note) VALUES ($1, $2, $3, $4, $5, $6, $7), ('b', 2, now(), '{}', '{}', false, NULL)`, [
      'a', 9007199254740993n, at, JSON.stringify({ x: [1, 'two'] }), ['p', 'q,r', 'with "quote"'], true, null,
    ]);
    expect(insert.rowCount).toBe(2);
    const expected = [{ id: 'a', n: 9007199254740993n, at, doc: { x: [1, 'two'] }, tags: ['p', 'q,r', 'with "quote"'], ok: true, note: null }];
    // A registered text (a named statement) and any other (the unnamed one) read alike, the first run and the next.
    for (let run = 0; run < 2; run++) {
      expect((await d.query(READ_ONE, ['a'])).rows).toEqual(expected);
      expect((await d.query(`SELECT id, n, at, doc, tags, ok, note FROM t WHERE id = ANY($1::text[])`, [['a']])).rows).toEqual(expected);
    }
    expect((await d.query(`UPDATE t SET note = 'x' WHERE id = ANY($1::text[])`, [['a', 'b', 'c']])).rowCount).toBe(2);
    expect((await d.query(`SELECT id FROM t WHERE id = $1`, ['nope'])).rowCount).toBe(0);
    expect((await d.query(`DELETE FROM t WHERE id = 'b'`)).rowCount).toBe(1);
    expect((await d.query(READ_ONE, ['a'])).rows[0]!.note).toBe('x');
  });

  // Unnamed statements are planned for their parameters on every run; a generic plan made insights 100× slower.
  it('parses a registered text once, as a named statement; other texts stay unnamed', async () => {
    const d = await open();
    // First parsed inside a transaction that rolls back: the statement outlives it (statements are not transactional).
    await expect(d.transaction(async (tx) => {
      await tx.query(READ_ONE, ['k']);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    for (let i = 0; i < 3; i++) {
      await d.query(READ_ONE, [`k${i}`]);
      await d.query(`SELECT id FROM t WHERE id = $1`, [`k${i}`]);
    }
    expect(await namedStatements(d)).toEqual([READ_ONE]);
  });

  it('keeps PostgreSQL’s errors and stays usable after one, in and out of a transaction', async () => {
    const d = await open();
    await d.query(`INSERT INTO t (id) VALUES ($1)`, ['a']);
    const duplicate = await d.query(`INSERT INTO t (id) VALUES ($1)`, ['a']).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const failed = d.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES ($1)`, ['in-tx']);
      await tx.query(`INSERT INTO t (id) VALUES ($1)`, ['a']);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    // The transaction's first row went with it; the statements still work.
    expect((await d.query<{ id: string }>(`SELECT id FROM t ORDER BY id`)).rows).toEqual([{ id: 'a' }]);
    await d.transaction(async (tx) => tx.query(`INSERT INTO t (id) VALUES ($1)`, ['after']));
    expect((await d.query(`SELECT id FROM t ORDER BY id`)).rowCount).toBe(2);
  });

  it('parses a statement again once its table changed shape', async () => {
    const d = await open();
    await d.query(`INSERT INTO t (id) VALUES ('a')`);
    expect(Object.keys((await d.query(READ_ALL)).rows[0]!)).not.toContain('extra');
    await d.query(`ALTER TABLE t ADD COLUMN extra int DEFAULT 7`);
    // PostgreSQL refuses the old statement once ("cached plan must not change result type"); the next call re-parses.
    await expect(d.query(READ_ALL)).rejects.toMatchObject({ code: '0A000' });
    expect((await d.query(READ_ALL)).rows[0]).toMatchObject({ id: 'a', extra: 7 });
  });

  it('holds at most its bound of statements, closing the least recently used', async () => {
    const pg = await PGlite.create({});
    try {
      const cache = createStatementCache(pg, () => true, 3);
      for (const n of [1, 2, 3, 1, 4, 5]) await pg.runExclusive(() => cache.run(`SELECT ${n} AS n`));
      // Eviction closes on the next round trip; this one is it.
      await pg.runExclusive(() => cache.run(`SELECT 1 AS n`));
      const { rows } = await pg.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements ORDER BY statement`);
      expect(rows.map((r) => r.statement)).toEqual(['SELECT 1 AS n', 'SELECT 4 AS n', 'SELECT 5 AS n']);
    } finally {
      await pg.close();
    }
  });

  it('leaves DDL to PGlite’s own path', async () => {
    const d = await open();
    expect((await namedStatements(d)).some((s) => /CREATE TABLE/i.test(s))).toBe(false);
  });
});
