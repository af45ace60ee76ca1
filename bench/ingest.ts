/**
 * End-user message ingest (`POST /v1/sessions/{id}/messages`, durable) against a bare Node HTTP
 * server answering the same request, both measured in this run with autocannon. Prints req/s,
 * the ratio and p50/p99 latency, on PGlite and (with DATABASE_URL) on PostgreSQL, then p50/p99 at
 * half the measured rate, paced evenly (the latency target is for a relay that is not saturated), and the same
 * rate as autocannon sends it (bursts at the start of each second) for comparison with older runs.
 * Each full-load run also prints the CPU time per request of every process involved (server, PostgreSQL
 * backends, this load generator): on the shared 2-core box the ratio follows those sums. Before the relay on
 * each backend, the durable floor (bench/durable-floor-server.ts) takes the same load: what answering only after
 * the commit costs by itself here; the relay's line says which share of it the relay reaches.
 *
 *   npm run bench:ingest            BENCH_SECONDS=10 BENCH_CONNECTIONS=50 to change the load,
 *                                   BENCH_SESSION_STATE=human: the sessions are owned by a person, with a waiting
 *                                   row and an agent-silent policy, as while an agent handles the handoff (the
 *                                   default leaves them pending, as no ticket exists without Zendesk),
 *                                   BENCH_PROFILE=/tmp/prof for a CPU profile of each relay,
 *                                   BENCH_BACKENDS=postgres (or pglite) for one backend only
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../server/db/open.js';
import { createAgent, createApiKey, createTenant } from '../server/relay/admin.js';
import { metricValue } from '../server/metrics/metric-value.js';
import { applySessionEvent } from '../server/relay/session-events.js';
import { insertWaiting } from '../server/store/waiting.js';
import { DEFAULT_WAITING_SETTINGS } from '../server/core/waiting-settings.js';
import type { Database } from '../server/db/database.js';
import { parseMasterKey } from '../server/core/secrets.js';
import { createPendingSessions } from './bench-sessions.js';
import { pacedLoad, type PacedRequest, type PacedResult } from './paced-load.js';
import { cpuSince, databaseBackendPids, sampleCpu } from './process-cpu.js';
import { spawnRelay } from '../server/test/child-relay.js';
import { createScratchDatabase, POSTGRES_URL } from '../server/test/backends.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SESSIONS = 100;
const SESSION_STATE = process.env.BENCH_SESSION_STATE === 'human' ? 'human' : 'pending';
const MASTER_KEY = 'b'.repeat(64);
/** BENCH_BACKENDS=postgres (or pglite) measures one backend only, for quicker A/B runs. */
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');

interface Result { rps: number; p50: number; p99: number; errors: number; non2xx: number }

function nextRequest(paths: string[]): () => PacedRequest {
  let n = 0;
  return () => {
    n++;
    return {
      path: paths[n % paths.length]!,
      body: JSON.stringify({ id: `paced-${n}-${process.hrtime.bigint()}`, role: 'user', text: `Customer message number ${n}`, createdAt: new Date().toISOString() }),
    };
  };
}

const halfRateOf = (fullRps: number) => Math.max(1, Math.round(fullRps / 2));

/**
 * The latency target's load: half the rate just measured, spread evenly (paced-load.ts), after a 2 s warm-up of
 * the paced client that is not counted.
 */
async function halfLoad(url: string, fullRps: number, paths: string[], auth?: string): Promise<PacedResult> {
  const headers = { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) };
  const paced = { url, rate: halfRateOf(fullRps), connections: CONNECTIONS, headers, next: nextRequest(paths) };
  await pacedLoad({ ...paced, seconds: 2 });
  return pacedLoad({ ...paced, seconds: SECONDS });
}

const halfLoadLine = (half: PacedResult) =>
  `  at half load          ${half.rps.toFixed(0).padStart(7)} req/s  p50 ${half.p50} ms  p99 ${half.p99} ms  errors ${half.errors} non2xx ${half.non2xx}`;

async function load(url: string, paths: string[], auth?: string, overallRate?: number): Promise<Result> {
  let n = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            path: paths[n % paths.length]!,
            body: JSON.stringify({ id: `bench-${n}-${process.hrtime.bigint()}`, role: 'user', text: `Customer message number ${n}`, createdAt: new Date().toISOString() }),
          };
        },
      },
    ],
  });
  if (r.non2xx > 0) console.log("  status codes:", JSON.stringify((r as unknown as { statusCodeStats: unknown }).statusCodeStats));
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/**
 * CPU time per answered request, by process, while `run` loads the server: says where a ratio comes from
 * (the load generator shares the two cores with the server in both the baseline and the relay runs).
 */
async function cpuPerRequest(pids: Record<string, number[]>, run: () => Promise<Result>): Promise<{ result: Result; line: string }> {
  const all = Object.values(pids).flat();
  const before = sampleCpu(all);
  const self = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(self);
  const requests = result.rps * SECONDS;
  const parts = Object.entries(pids).map(([name, ids]) => [name, cpuSince(before, ids)] as const);
  parts.push(['load generator', (used.user + used.system) / 1000]);
  const line = parts.map(([name, ms]) => `${name} ${Math.round((ms * 1000) / requests)} µs (${(ms / wallMs).toFixed(2)} cores)`).join(', ');
  return { result, line: `  CPU per request       ${line}` };
}


async function prepare(env: Record<string, string>, dataDir: string) {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  const tenant = await createTenant(db, { name: 'Bench' });
  const agent = await createAgent(db, parseMasterKey(MASTER_KEY), { tenantId: tenant.id, name: 'Bench bot' });
  const key = await createApiKey(db, { agentId: agent.agentId });
  const caller = { tenantId: tenant.id, agentId: agent.agentId };
  const paths: string[] = [];
  for (const id of await createPendingSessions(db, caller, SESSIONS)) {
    if (SESSION_STATE === 'human') await ownedByAPerson(db, caller, id);
    paths.push(`/v1/sessions/${id}/messages`);
  }
  await db.close();
  return { paths, auth: `Bearer ${key.apiKey}` };
}

/** As after an agent's first reply: a waiting row with a 10-minute agent-silent policy, the session in `human`. */
async function ownedByAPerson(db: Database, caller: { tenantId: string; agentId: string }, sessionId: string) {
  await insertWaiting(db, {
    sessionId,
    ...caller,
    policy: { noAgent: DEFAULT_WAITING_SETTINGS.noAgentTimeout, agentSilent: { ...DEFAULT_WAITING_SETTINGS.agentSilent, minutes: 10 }, schedule: null, scheduleId: null, estimateMinSamples: 5 },
    groupId: null,
    acceptedAt: new Date(),
    hourOfWeek: 0,
    withinBusinessHours: null,
    nextOpenAt: null,
    estimatedWaitSeconds: null,
    estimateSamples: 0,
    noAgentDueAt: null,
  });
  for (const [type, cause] of [['ticket_created', 'ticket_created'], ['agent_replied', 'agent_reply']] as const) {
    await db.transaction((tx) => applySessionEvent(tx, sessionId, { type }, { cause, strict: true }));
  }
}

/** A yardstick server in its own process: bench/baseline-server.ts (bare) or bench/durable-floor-server.ts. */
function startServer(script: string, env: Record<string, string> = {}): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening on (\S+)/.exec(d.toString());
      if (m) resolve({ url: m[1]!, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) });
    });
  });
}

/**
 * The durable floor on one backend: the same request made durable by the relay's group commit and nothing
 * else (one row per request, no checks, no outbox). Says how much of the gap to the bare server any design
 * that answers after the commit must keep on this machine, and how much is the relay's own.
 */
async function benchFloor(name: string, env: Record<string, string>, baseline: Result): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-floor-'));
  const floor = await startServer('bench/durable-floor-server.ts', { DATABASE_URL: env.DATABASE_URL ?? '', DATA_DIR: join(dataDir, 'pglite') });
  const paths = Array.from({ length: SESSIONS }, (_, i) => `/v1/sessions/s${i}/messages`);
  await load(floor.url, paths); // warm-up, not counted
  const backends = await databaseBackendPids(env.DATABASE_URL);
  const { result, line } = await cpuPerRequest({ 'floor server': [floor.pid], ...(backends.length ? { 'PostgreSQL backends': backends } : {}) }, () => load(floor.url, paths));
  // The relay's half-load latency has the same yardstick: the floor paced at half its own rate.
  const half = await halfLoad(floor.url, result.rps, paths);
  await floor.stop();
  rmSync(dataDir, { recursive: true, force: true });
  print(name, result, baseline);
  console.log(halfLoadLine(half));
  console.log(line);
  return result;
}

async function benchBackend(name: string, env: Record<string, string>, baseline: Result, floor: Result) {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  // Workers off: this measures the durable ingest path; delivery has its own bench (Zendesk issue).
  // One key sends everything: its request limit is lifted out of reach but still counted, so its cost is measured
  // (BENCH_KEY_LIMIT=0 switches it off to compare).
  const fullEnv = { DATABASE_URL: '', ...env, DATA_DIR: dataDir, MASTER_KEY, LOG_LEVEL: 'info', WORKERS: 'off', RATE_LIMIT_REQUESTS_PER_KEY: process.env.BENCH_KEY_LIMIT ?? '10000000' };
  const { paths, auth } = await prepare(fullEnv, dataDir);
  // BENCH_PROFILE=dir writes a V8 CPU profile of each relay (open in Chrome DevTools or speedscope).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const relay = spawnRelay(fullEnv, profile);
  const url = await relay.url;
  await load(url, paths, auth); // warm-up, not counted
  const backends = await databaseBackendPids(env.DATABASE_URL);
  const countsBefore = await statementCounts(url);
  const { result: r, line: cpu } = await cpuPerRequest(
    { relay: [relay.process.pid!], ...(backends.length ? { 'PostgreSQL backends': backends } : {}) },
    () => load(url, paths, auth),
  );
  const countsAfter = await statementCounts(url);
  // The latency target is for a relay that is not saturated: half the rate just measured, spread evenly
  // (paced-load.ts); autocannon's own rate limit sends it in bursts at the start of every second.
  const half = await halfLoad(url, r.rps, paths, auth);
  const bursts = await load(url, paths, auth, halfRateOf(r.rps));
  await relay.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  print(name, r, baseline);
  console.log(`  of the durable floor  ${(r.rps / floor.rps).toFixed(3)}`);
  console.log(halfLoadLine(half));
  console.log(`  half load in bursts   ${bursts.rps.toFixed(0).padStart(7)} req/s  p50 ${bursts.p50} ms  p99 ${bursts.p99} ms  (autocannon overallRate: full speed until each second's quota is spent)`);
  console.log(cpu);
  // Counts, not timings: how many messages a transaction carried and what each cost in statements (round trips on PostgreSQL).
  const messages = r.rps * SECONDS;
  const transactions = countsAfter.transactions - countsBefore.transactions;
  console.log(`  per message           ${((countsAfter.statements - countsBefore.statements) / messages).toFixed(2)} database statements, ${(messages / transactions).toFixed(1)} messages per transaction`);
}

/** The relay's statement counters (its /metrics is open: the bench sets no METRICS_TOKEN). */
async function statementCounts(url: string): Promise<{ statements: number; transactions: number }> {
  const page = await (await fetch(`${url}/metrics`)).text();
  return { statements: metricValue(page, 'baton_db_statements_total'), transactions: metricValue(page, 'baton_db_transactions_total') };
}

function print(name: string, r: Result, baseline?: Result) {
  const ratio = baseline ? `  ratio ${(r.rps / baseline.rps).toFixed(3)}` : '';
  console.log(`${name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors} non2xx ${r.non2xx}${ratio}`);
}

const base = await startServer('bench/baseline-server.ts');
const paths = Array.from({ length: SESSIONS }, (_, i) => `/v1/sessions/s${i}/messages`);
await load(base.url, paths);
const { result: baseline, line: baselineCpu } = await cpuPerRequest({ 'bare server': [base.pid] }, () => load(base.url, paths));
await base.stop();
console.log(`ingest bench: ${CONNECTIONS} connections, ${SECONDS}s each, ${SESSIONS} sessions (${SESSION_STATE})`);
print('bare node (baseline)', baseline);
console.log(baselineCpu);
if (BACKENDS.includes('pglite')) {
  const pgliteFloor = await benchFloor('durable floor, PGlite', {}, baseline);
  await benchBackend('relay on PGlite', {}, baseline, pgliteFloor);
}
if (BACKENDS.includes('postgres') && POSTGRES_URL) {
  const scratch = await createScratchDatabase();
  const postgresFloor = await benchFloor('durable floor, PostgreSQL', { DATABASE_URL: scratch.url }, baseline);
  await benchBackend('relay on PostgreSQL', { DATABASE_URL: scratch.url }, baseline, postgresFloor);
  await scratch.drop();
} else if (BACKENDS.includes('postgres')) {
  console.log('relay on PostgreSQL: SKIPPED (set DATABASE_URL)');
}
