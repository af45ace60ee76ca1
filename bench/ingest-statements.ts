/**
 * Where the database time of a durable ingest goes, statement by statement, without HTTP or a load generator:
 * the relay's own group commit (server/relay/message-ingest.ts) in this process, fed ROUNDS rounds of BATCH
 * customer lines at once (one batch each, BATCH distinct sessions of 100, all pending), on PGlite and, with
 * DATABASE_URL, on PostgreSQL. Prints, per backend, the messages per second and each statement's time per message
 * and per call, beside the whole transaction's (BEGIN, the statements, COMMIT). Far steadier than the HTTP bench on
 * a shared box, so it is the place to weigh a change to the batch's SQL (run it on both sides of the change).
 *   npm run bench:ingest-statements      BENCH_ROUNDS=400 BENCH_BATCH=16
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.js';
import type { Database, Queryable } from '../server/db/database.js';
import { createAgent, createTenant } from '../server/relay/admin.js';
import { createMessageIngest } from '../server/relay/message-ingest.js';
import { PostMessageSchema } from '../server/http/schemas.js';
import { parseMasterKey } from '../server/core/secrets.js';
import { createScratchDatabase, POSTGRES_URL } from '../server/test/backends.js';
import { createPendingSessions } from './bench-sessions.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const BATCH = Number(process.env.BENCH_BATCH ?? 16);
const SESSIONS = 100;

type Timings = Map<string, { ms: number; calls: number }>;

/** The database with every statement timed under its first words, and each transaction as a whole. */
function timed(db: Database, timings: Timings): Database {
  const record = (name: string, ms: number) => {
    const t = timings.get(name) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls++;
    timings.set(name, t);
  };
  const wrap = (q: Queryable): Queryable => ({
    async query(text, params) {
      const started = performance.now();
      try {
        return await q.query(text, params);
      } finally {
        record(text.replace(/\s+/g, ' ').trim().slice(0, 60), performance.now() - started);
      }
    },
  });
  return {
    ...db,
    query: wrap(db).query,
    async transaction(fn) {
      const started = performance.now();
      try {
        return await db.transaction((tx) => fn(wrap(tx)));
      } finally {
        record('(the whole transaction)', performance.now() - started);
      }
    },
  };
}

async function run(name: string, databaseUrl: string | undefined): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-statements-'));
  const raw = await openDatabase({ databaseUrl, dataDir });
  const tenant = await createTenant(raw, { name: 'Bench' });
  const agent = await createAgent(raw, parseMasterKey('d'.repeat(64)), { tenantId: tenant.id, name: 'Bench bot' });
  const caller = { tenantId: tenant.id, agentId: agent.agentId };
  const sessions = await createPendingSessions(raw, caller, SESSIONS);
  const timings: Timings = new Map();
  const ingest = createMessageIngest(timed(raw, timings));
  let n = 0;
  const send = () => {
    n++;
    const line = PostMessageSchema.parse({ id: `line-${n}`, role: 'user', text: `Customer message number ${n}`, createdAt: new Date().toISOString() });
    return ingest.submit(caller, sessions[n % SESSIONS]!, line);
  };
  // A warm-up (prepared statements, plans, JIT) that is not counted.
  for (let round = 0; round < 20; round++) await Promise.all(Array.from({ length: BATCH }, send));
  timings.clear();
  const before = n;
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) await Promise.all(Array.from({ length: BATCH }, send));
  const messages = n - before;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name}: ${messages} messages in batches of ${BATCH}, ${Math.round(messages / seconds)} msg/s`);
  for (const [statement, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${((t.ms * 1000) / messages).toFixed(1).padStart(7)} µs/message ${((t.ms * 1000) / t.calls).toFixed(0).padStart(7)} µs/call ${String(t.calls).padStart(6)} calls  ${statement}`);
  }
  await raw.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await run('PGlite', undefined);
if (POSTGRES_URL) {
  const scratch = await createScratchDatabase();
  await run('PostgreSQL', scratch.url);
  await scratch.drop();
} else {
  console.log('PostgreSQL: SKIPPED (set DATABASE_URL)');
}
