import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, POSTGRES_URL } from '../test/backends.js';
import { startBlackHole, startPostgresProxy, throughProxy, type TcpProxy } from '../test/tcp-proxy.js';
import type { Database } from './database.js';
import { openPostgres } from './postgres.js';
import { isDatabaseUnreachable } from './reachability.js';

const suite = POSTGRES_URL ? describe : describe.skip;

suite('the PostgreSQL adapter when the server goes away', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: TcpProxy;
  let db: Database;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    proxy = await startPostgresProxy();
    db = await openPostgres(throughProxy(scratch.url, proxy), { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
    await scratch?.drop();
  });

  // An 'error' event nobody listened to was an uncaught exception: the relay process exited mid-outage.
  it('fails a transaction whose connection is cut, keeps the process up, and works again once the server is back', async () => {
    const cut = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      proxy.takeDown();
      await new Promise((resolve) => setImmediate(resolve));
      await tx.query('SELECT 2');
    });
    const error = await cut.then(() => undefined, (e: unknown) => e);
    expect(isDatabaseUnreachable(error)).toBe(true);
    proxy.bringBack();
    // The broken connection was thrown away, not handed to the next transaction.
    for (let i = 0; i < 3; i++) expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 1 AS n'))).toMatchObject({ rows: [{ n: 1 }] });
  });
});

// No PostgreSQL needed: the server here is a socket that never answers.
describe('the PostgreSQL adapter when the server silently drops packets', () => {
  // The pool had no connect timeout: opening it, and every query after, waited for ever and nothing was logged.
  it('fails the connection after its connect timeout, as an unreachable database', async () => {
    const hole = await startBlackHole();
    try {
      const error = await openPostgres(hole.url, { poolSize: 2, connectTimeoutMs: 200 }).then(
        async (db) => (await db.close(), undefined),
        (e: unknown) => e,
      );
      expect(hole.accepted).toBeGreaterThanOrEqual(1);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnreachable(error), String(error)).toBe(true);
    } finally {
      await hole.close();
    }
  }, 15_000);
});
