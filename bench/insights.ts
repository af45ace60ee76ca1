/**
 * Insights queries on a big history: seeds 1,000,000 sessions (and about 3,900,000 seen conversations, the handed-off ones among them) over
 * 180 days into a scratch PostgreSQL database, then times every insights query for a few realistic
 * reports, next to a baseline measured in the same run: counting the same rows (the least any query
 * over the period must do).
 *   npm run bench:insights            (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_SESSIONS=200000 npm run bench:insights
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../server/db/open.js';
import { countableBefore, resolvePeriod, rollableBefore, splitForRollups } from '../server/insights/period.js';
import { outcomes as liveOutcomes, countsPerBucket, dimensions, examples, reescalatedCount, type Range, type Scope } from '../server/insights/queries.js';
import { readOutcomes } from '../server/insights/outcomes.js';
import { handedOffConversations, readHandedOff } from '../server/insights/handed-off.js';
import { relinkHandoffs } from '../server/store/handoff-links.js';
import { waitingInsights } from '../server/insights/waiting.js';
import { buildInsightsReport, inReportSnapshot } from '../server/insights/report.js';
import { ensureCounts, ensureRollups, rolledDimensions, rolledPerBucket, rolledReescalated } from '../server/insights/rollups.js';
import type { Database, Queryable } from '../server/db/database.js';

// DATABASE_URL='' runs on embedded PGlite (in a temporary folder), with 200,000 sessions unless BENCH_SESSIONS says.
const ON_PGLITE = process.env.DATABASE_URL === '';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? (ON_PGLITE ? 200_000 : 1_000_000));
const RUNS = 5;
// Buckets in a time zone with daylight saving, as an admin in Berlin would see them.
const TZ = 'Europe/Berlin';
// BENCH_KEEP=1 keeps the seeded PostgreSQL database for the next run (and for EXPLAIN by hand).
const KEEP = process.env.BENCH_KEEP === '1';
// BENCH_DB names the scratch PostgreSQL database (several checkouts can keep their own seeded copy side by side).
const DB_NAME = process.env.BENCH_DB ?? 'baton_bench_insights';
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`BENCH_DB must be a plain lower-case identifier, got ${DB_NAME}`);

/** The bench's database: a fresh PGlite folder, or `baton_bench_insights` (BENCH_DB) on the server (kept with BENCH_KEEP=1). */
async function openBenchDatabase(): Promise<{ db: Database; seeded: boolean; done: () => Promise<void> }> {
  if (ON_PGLITE) {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-insights-bench-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    return { db, seeded: false, done: async () => { await db.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount === 1;
  if (!KEEP || !exists) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  }
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: undefined });
  return {
    db,
    seeded: KEEP && exists,
    async done() {
      await db.close();
      if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
      await admin.end();
    },
  };
}

async function main() {
  const { db, seeded: reuse, done } = await openBenchDatabase();
  console.log(`insights bench on ${db.kind}`);
  try {
    const seeded = Date.now();
    if (!reuse) await seed(db);
    else console.log('(reusing the seeded database)');
    const seen = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversations_seen`)).rows[0]!.n);
    console.log(`seeded ${SESSIONS.toLocaleString('en')} sessions and ${seen.toLocaleString('en')} conversations in ${((Date.now() - seeded) / 1000).toFixed(0)} s`);
    const now = new Date();
    const rollable = rollableBefore(now);
    const countable = countableBefore(now);
    for (const tenantId of ['ten_a', 'ten_b', 'ten_c']) {
      const started = performance.now();
      const firstDay = new Date(`${new Date(now.getTime() - 200 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`);
      const days = await ensureRollups(db, tenantId, [firstDay, rollable]) + await ensureCounts(db, tenantId, [rollable, countable]);
      console.log(`rolled up ${days} days of ${tenantId} in ${(performance.now() - started).toFixed(0)} ms (once, in the background, as days become a day and a week old)`);
    }
    // A live database's autovacuum analyzes the rollup tables soon after they grow (without statistics the planner
    // takes each for one row and sorts what it should hash); a report reads days rolled at least a day before.
    await db.query('VACUUM ANALYZE insights_rolled_days, insights_counted_days, insights_daily, insights_daily_totals, insights_daily_first_handoffs, insights_quarter_hours, insights_tenant_quarter_hours, insights_daily_durations');
    const scenarios: Array<{ name: string; scope: Scope; days: number; bucket: 'day' | 'week' }> = [
      { name: 'biggest tenant (70%), all AI agents, last 30 days', scope: { tenantId: 'ten_a', agentId: null }, days: 30, bucket: 'day' },
      { name: 'biggest tenant, one AI agent, last 30 days', scope: { tenantId: 'ten_a', agentId: 'agt_a1' }, days: 30, bucket: 'day' },
      { name: 'biggest tenant, all AI agents, last 90 days by week', scope: { tenantId: 'ten_a', agentId: null }, days: 90, bucket: 'week' },
      { name: 'biggest tenant, all AI agents, last 180 days by week', scope: { tenantId: 'ten_a', agentId: null }, days: 180, bucket: 'week' },
      { name: 'small tenant (10%), last 30 days', scope: { tenantId: 'ten_c', agentId: null }, days: 30, bucket: 'day' },
    ];
    for (const s of scenarios) {
      const period = resolvePeriod({ from: new Date(now.getTime() - s.days * 86_400_000).toISOString(), to: now.toISOString(), bucket: s.bucket, timeZone: TZ }, now);
      const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $3 AND created_at < $4`, [s.scope.tenantId, s.scope.agentId, period.from, period.to]);
      console.log(`\n${s.name}: ${rows.rows[0]!.n.toLocaleString('en')} handoffs in the period`);
      const baseline = await time(() => db.query(`SELECT count(*) FROM sessions WHERE tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND created_at >= $3 AND created_at < $4`, [s.scope.tenantId, s.scope.agentId, period.from, period.to]));
      const report = await buildInsightsReport(db, s.scope, period, now);
      const keys = report.gaps.filter((g) => g.dimension === 'intent').map((g) => g.key);
      // Counts from the days rolled a day after, "escalated again" from those rolled a week after.
      const current = splitForRollups(period.from, period.to, countable);
      const currentWeekOld = splitForRollups(period.from, period.to, rollable);
      const previous = splitForRollups(period.previousFrom, period.from, countable);
      // Each figure as the report reads it: whole old days from the rollups, the rest live.
      const split = (parts: typeof current, rolled: (q: Queryable, r: Range) => Promise<unknown>, live: (q: Queryable, r: Range) => Promise<unknown>) => async (q: Queryable) => {
        if (parts.rolled) await rolled(q, parts.rolled);
        for (const r of parts.live) await live(q, r);
      };
      const queries: Array<[string, (q: Queryable) => Promise<unknown>]> = [
        // Old days' outcomes from the rollups' histograms plus what reached them since, recent days live.
        ['outcomes: counts, percentiles', (q) => readOutcomes(q, s.scope, [period.from, period.to], rollable)],
        ['  (all live, exact percentiles: before)', (q) => liveOutcomes(q, s.scope, [period.from, period.to])],
        ['  (histograms from the first rolled day)', (q) => readOutcomes(q, s.scope, [period.from, period.to], rollable, 0)],
        ['handed-off conversations (rate)', (q) => readHandedOff(q, s.scope, [period.from, period.to], countable)],
        ['  (all live, one pass)', (q) => handedOffConversations(q, s.scope, [period.from, period.to])],
        ['  (rolled from the first counted day)', (q) => readHandedOff(q, s.scope, [period.from, period.to], countable, 0)],
        ['waiting (business hours, timeouts)', (q) => waitingInsights(q, s.scope, [period.from, period.to])],
        ['escalated again within 7 days', split(currentWeekOld, (q, r) => rolledReescalated(q, s.scope, r), (q, r) => reescalatedCount(q, s.scope, r))],
        ['handoffs, conversations per bucket', split(current, (q, r) => rolledPerBucket(q, s.scope, r, s.bucket, TZ), async (q, r) => {
          await countsPerBucket(q, s.scope, r, 'handoffs', s.bucket, TZ);
          await countsPerBucket(q, s.scope, r, 'conversations', s.bucket, TZ);
        })],
        ['breakdowns, this period', split(current, (q, r) => rolledDimensions(q, s.scope, r), (q, r) => dimensions(q, s.scope, r))],
        ['breakdowns, previous period', split(previous, (q, r) => rolledDimensions(q, s.scope, r), (q, r) => dimensions(q, s.scope, r))],
        ['gap examples (5 intents × 3)', (q) => examples(q, s.scope, [period.from, period.to], 'intent', keys)],
      ];
      console.log(`  ${'baseline: count(*) over the period'.padEnd(40)} ${baseline.toFixed(1).padStart(7)} ms`);
      for (const [name, run] of queries) {
        // As the report runs them: in its snapshot transaction, with its work_mem.
        const ms = await time(() => inReportSnapshot(db, (read) => read(run), 1));
        console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  (${(ms / baseline).toFixed(2)}× baseline)${ms > 300 ? '  OVER 300 ms' : ''}`);
      }
      const whole = await time(() => buildInsightsReport(db, s.scope, period, now));
      console.log(`  ${'whole report (all of the above)'.padEnd(40)} ${whole.toFixed(1).padStart(7)} ms  (${(whole / baseline).toFixed(2)}× baseline)`);
    }
  } finally {
    await done();
  }
}

/** Median of RUNS runs after one warm-up. */
async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/**
 * Rows in time order (as a live relay writes them): tenant A 70 % over four AI agents, B 20 % over two,
 * C 10 %; eight reasons, rules and triggers, 50 intents with a long tail, eight languages,
 * one customer in ten coming back within minutes, realistic outcomes and delays.
 */
async function seed(db: Database) {
  await db.query(`INSERT INTO tenants (id, name) VALUES ('ten_a', 'A'), ('ten_b', 'B'), ('ten_c', 'C')`);
  await db.query(`INSERT INTO ai_agents (id, tenant_id, name, webhook_secret_enc) VALUES
    ('agt_a1','ten_a','a1','x'), ('agt_a2','ten_a','a2','x'), ('agt_a3','ten_a','a3','x'), ('agt_a4','ten_a','a4','x'),
    ('agt_b1','ten_b','b1','x'), ('agt_b2','ten_b','b2','x'), ('agt_c1','ten_c','c1','x')`);
  const who = (g: string) => `CASE WHEN (${g}::bigint * 7919) % 100 < 70 THEN 'a' || (1 + ${g} % 4) WHEN (${g}::bigint * 7919) % 100 < 90 THEN 'b' || (1 + ${g} % 2) ELSE 'c1' END`;
  const chunk = 250_000;
  for (let start = 1; start <= SESSIONS; start += chunk) {
    const end = Math.min(SESSIONS, start + chunk - 1);
    await db.query(
      `INSERT INTO sessions (id, tenant_id, agent_id, conversation_id, state, version, end_user, reason_code, summary, priority,
         signals, rule, trigger_name, ticket_id, created_at, state_changed_at, first_reply_at, returned_at)
       SELECT 'ses_' || g, 'ten_' || left(w, 1), 'agt_' || w, CASE WHEN g % 10 = 0 THEN 'back_' || (g / 40) ELSE 'conv_' || g END, st, 4,
              jsonb_build_object('id', CASE WHEN g % 10 = 0 THEN 'back_' || (g / 40) ELSE 'cust_' || g END, 'name', 'Customer ' || g, 'email', 'c' || g || '@example.com',
                'locale', (ARRAY['en','en','en','de','fr','es','pt-BR','ja'])[1 + g % 8]),
              (ARRAY['customer_request','customer_request','ai_unable','ai_unable','low_confidence','negative_sentiment','custom_trigger','policy','vip','other'])[1 + (g::bigint * 31) % 10],
              'The customer asked about order ' || g || ' and the AI could not resolve it.', 'normal',
              jsonb_build_object('intent', 'intent_' || floor(power(((g::bigint * 2654435761) % 1000) / 1000.0, 3) * 50)::int, 'confidence', 0.4),
              CASE WHEN g % 3 = 0 THEN jsonb_build_object('id', 'rule_' || g % 10, 'name', 'Rule ' || g % 10) END,
              CASE WHEN g % 3 = 1 AND g % 5 = 0 THEN 'refund_over_limit' END,
              CASE WHEN st = 'failed' THEN NULL ELSE (100000 + g)::text END,
              at, at, CASE WHEN st IN ('human', 'returned') THEN at + ((g % 7200) || ' seconds')::interval END,
              CASE WHEN st = 'returned' THEN at + ((g % 259200) || ' seconds')::interval END
         FROM generate_series($1::int, $3::int) AS g,
              LATERAL (SELECT ${who('g')} AS w,
                              now() - interval '180 days' + (g::float8 / $2::int) * interval '180 days' AS at,
                              (ARRAY['returned','returned','returned','returned','human','waiting','ended','failed'])[1 + (g::bigint * 13) % 8] AS st) x`,
      [start, SESSIONS, end],
    );
  }
  // Every handed-off conversation was seen (the handoff records it): most a few minutes before, one in twenty two days before.
  await db.query(
    `INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at)
     SELECT agent_id, conversation_id, min(tenant_id), min(created_at) - CASE WHEN hashtext(conversation_id) % 20 = 0 THEN interval '2 days' ELSE interval '3 minutes' END
       FROM sessions GROUP BY agent_id, conversation_id`,
  );
  for (const tenant of ['ten_a', 'ten_b', 'ten_c']) await relinkHandoffs(db, tenant);
  // And three times as many conversations that were never handed off.
  for (let start = 1; start <= SESSIONS * 3; start += chunk * 2) {
    const end = Math.min(SESSIONS * 3, start + chunk * 2 - 1);
    await db.query(
      `INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at)
       SELECT 'agt_' || w, 'seen_' || g, 'ten_' || left(w, 1), now() - interval '180 days' + (g::float8 / $2::int) * interval '180 days'
         FROM generate_series($1::int, $3::int) AS g, LATERAL (SELECT ${who('g')} AS w) x`,
      [start, SESSIONS * 3, end],
    );
  }
  // A live database has been vacuumed and analyzed by autovacuum; a freshly loaded one has not.
  await db.query('VACUUM ANALYZE sessions');
  await db.query('VACUUM ANALYZE conversations_seen');
}

await main();
