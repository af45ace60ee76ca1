import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/database.js';
import { createLogger } from './log.js';
import { BACKENDS, openSuiteDatabase } from './test/backends.js';

const MARKER = 'Zq7Marker';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('trace', stream), text: () => lines.join('') };
}

/** Real database errors carry the statement's parameters, the failing row and quoted values. */
describe.each(BACKENDS)('the production logger and %s errors', (backend) => {
  let db: Database;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ db, close } = await openSuiteDatabase(backend));
    await db.query('CREATE TABLE log_probe (email text UNIQUE, n int CHECK (n > 0))');
    await db.query('INSERT INTO log_probe VALUES ($1, 1)', [`taken.${MARKER}@example.com`]);
  });
  afterAll(async () => {
    await close?.();
  });

  const failures: Array<[string, string, unknown[]]> = [
    ['a value of the wrong type', 'SELECT $1::int', [MARKER]],
    ['broken JSON', 'SELECT $1::jsonb', [`{"note": ${MARKER}`]],
    ['a unique violation', 'INSERT INTO log_probe VALUES ($1, 1)', [`taken.${MARKER}@example.com`]],
    ['a check violation', 'INSERT INTO log_probe VALUES ($1, -1)', [`other.${MARKER}@example.com`]],
  ];
  it.each(failures)('logs %s with its SQLSTATE but none of the values', async (_what, sql, params) => {
    const error = await db.query(sql, params).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    const { log, text } = capture();
    log.error({ err: error, payload: { note: MARKER } }, 'query failed');
    log.error(error);
    log.trace({ session: { endUser: { name: MARKER, email: `${MARKER}@x.test` }, metadata: { plan: MARKER } } }, 'trace line');
    expect(text()).not.toContain(MARKER);
    const first = JSON.parse(text().split('\n')[0]!) as { err: { code: string; stack: string } };
    expect(first.err.code).toMatch(/^[0-9A-Z]{5}$/);
    expect(first.err.stack).toMatch(/\n\s+at /);
  });
});

// pino's own err serializer ran after the redaction and took the already reduced error for a plain object: every
// error line said "type":"Object", so nobody could tell a DeliveryError from a database error by its type.
describe('error lines', () => {
  it('name the error type', () => {
    class DeliveryProbeError extends Error {}
    const { log, text } = capture();
    log.warn({ err: new DeliveryProbeError('webhook failed') }, 'delivery failed');
    log.error(new RangeError('out of range'));
    const [first, second] = text().trim().split('\n').map((l) => JSON.parse(l) as { err: { type: string; message: string } });
    expect(first!.err).toMatchObject({ type: 'DeliveryProbeError', message: 'webhook failed' });
    expect(second!.err).toMatchObject({ type: 'RangeError', message: 'out of range' });
  });
});
