import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { createRateLimits } from '../http/rate-limits.js';
import { createScratchDatabase, POSTGRES_URL } from './backends.js';

const suite = POSTGRES_URL ? describe : describe.skip;
if (!POSTGRES_URL) console.warn('\n⚠️  SKIPPING rate-limit-shares.test.ts: it needs PostgreSQL (set DATABASE_URL).\n');

const settings = (requestsPerKey: number) => ({ authFailuresPerIp: 20, authFailuresPerCredential: 10, authFailureWindowSeconds: 60, requestsPerKey, requestsPerKeyWindowSeconds: 3_600 });
const grants = async (limits: ReturnType<typeof createRateLimits>, key: string, n: number) => {
  let granted = 0;
  for (let i = 0; i < n; i++) {
    try {
      await limits.keyRequest(key);
      granted++;
    } catch (error) {
      expect((error as { code?: string }).code).toBe('rate_limited');
    }
  }
  return granted;
};

/** The per-key limit on PostgreSQL: relays take shares of the limit from the shared counter instead of one write per request. */
suite('per-key request limit shares on PostgreSQL', () => {
  let db: Database;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: undefined });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('grants exactly the limit across two relays and writes the counter once per share, not per request', async () => {
    const a = createRateLimits(db, settings(200));
    const b = createRateLimits(db, settings(200));
    expect(await grants(a, 'k1', 150)).toBe(150);
    const counter = async (key: string) => (await db.query<{ points: number }>(`SELECT points FROM rate_limits WHERE key = $1`, [`key_req:${key}`])).rows[0]?.points;
    expect(await counter('k1')).toBe(150);
    // One request takes a whole share (a twentieth of 200) from the shared counter; the next nine cost no write.
    expect(await grants(a, 'k2', 1)).toBe(1);
    expect(await counter('k2')).toBe(10);
    expect(await grants(a, 'k2', 9)).toBe(9);
    expect(await counter('k2')).toBe(10);
    expect(await grants(b, 'k1', 80)).toBe(50);
    expect(await grants(a, 'k1', 5)).toBe(0);
  });
});
