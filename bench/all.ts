/**
 * Every figure of the speed issue (#16) in one table, with its target and ratio: each bench runs as its own
 * process (its own script keeps working alone) and its printed lines are read back.
 *
 *   npm run bench                     full runs (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_QUICK=1 npm run bench       a few minutes: fewer sessions, shorter loads, fewer paint runs
 *   BENCH_ONLY=relay,ingest,paint,insights,scale   a subset
 */
import { spawn, spawnSync } from 'node:child_process';

const QUICK = process.env.BENCH_QUICK === '1';
const POSTGRES = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ONLY = new Set((process.env.BENCH_ONLY ?? 'relay,ingest,paint,insights,scale').split(',').map((s) => s.trim()));

interface Row {
  figure: string;
  backend: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];

/** Runs one bench script; its output is shown as it comes (stderr) and returned for parsing. */
function run(script: string, env: Record<string, string>): Promise<string> {
  process.stderr.write(`\n▶ ${script} ${Object.entries(env).map(([k, v]) => `${k}=${v || '""'}`).join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(`  (${script} exited with ${code})\n`);
      resolve(out);
    });
  });
}

const num = (text: string, re: RegExp): number | undefined => {
  const m = re.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
};
const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} ms`);

async function relayHop(backend: 'PGlite' | 'PostgreSQL') {
  const out = await run('bench/zendesk.ts', { DATABASE_URL: backend === 'PGlite' ? '' : POSTGRES, ...(QUICK ? { BENCH_SESSIONS: '50' } : {}) });
  const sessions = num(out, /(\d+) concurrent sessions/);
  const hop50 = num(out, /relay hop \(webhook in.*p50 ([\d.]+) ms/);
  const hop99 = num(out, /relay hop \(webhook in.*p99 ([\d.]+) ms/);
  const first50 = num(out, /relay hop, first replies.*p50 ([\d.]+) ms/);
  const first99 = num(out, /relay hop, first replies.*p99 ([\d.]+) ms/);
  const cpu = /CPU per agent reply \(until its callback\)\s+(.*)/.exec(out)?.[1];
  // A session's first reply also announces its move to human and new wait estimates (bench/zendesk.ts).
  const firstCallbacks = /callbacks per agent reply\s+first ([\d.]+)/.exec(out)?.[1];
  const base50 = num(out, /baseline \(emulator.*p50 ([\d.]+) ms/);
  const base99 = num(out, /baseline \(emulator.*p99 ([\d.]+) ms/);
  const reads = num(out, /Zendesk reads per agent reply:\s+([\d.]+)/);
  const overhead = hop99 !== undefined && base99 !== undefined ? hop99 - base99 : undefined;
  rows.push({
    figure: `relay hop, ${sessions ?? '?'} agent replies at once (p50 / p99), steady state`,
    backend,
    measured: `${ms(hop50)} / ${ms(hop99)} (first replies after start ${ms(first50)} / ${ms(first99)}, ${firstCallbacks ?? '?'} callbacks per reply instead of 1)`,
    baseline: `${ms(base50)} / ${ms(base99)}`,
    ratio: hop99 && base99 ? `×${(hop99 / base99).toFixed(1)} p99, overhead ${ms(overhead)}` : 'n/a',
    target: 'overhead (p99 − baseline p99) < 50 ms',
    met: overhead === undefined ? null : overhead < 50,
  });
  rows.push({ figure: 'CPU per agent reply, steady state', backend, measured: cpu ?? 'n/a', baseline: '', ratio: '', target: '', met: null });
  // A count, not a timing: steady on a noisy box, so a change to the reply's path shows here first.
  const statements = num(out, /database statements per agent reply:\s+([\d.]+)/);
  rows.push({ figure: 'database statements per agent reply, steady state', backend, measured: statements === undefined ? 'n/a' : statements.toFixed(2), baseline: '', ratio: '', target: '', met: null });
  rows.push({
    figure: 'Zendesk reads per agent reply',
    backend,
    measured: reads === undefined ? 'n/a' : reads.toFixed(2),
    baseline: '2 (ticket + comments) before events',
    ratio: reads === undefined ? 'n/a' : (reads / 2).toFixed(2),
    target: '≤ 0.1',
    met: reads === undefined ? null : reads <= 0.1,
  });
}

/** bench/ingest.ts with the sessions pending (no ticket: the figure's history) or owned by a person (the usual case live). */
async function ingest(state: 'pending' | 'human') {
  const out = await run('bench/ingest.ts', { DATABASE_URL: POSTGRES, BENCH_SESSION_STATE: state, ...(QUICK ? { BENCH_SECONDS: '3' } : {}) });
  const bare = num(out, /bare node \(baseline\)\s+(\d+) req\/s/);
  for (const [backend, label, target] of [['PGlite', 'relay on PGlite', 0.25], ['PostgreSQL', 'relay on PostgreSQL', 0.4]] as const) {
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith(label));
    const line = at >= 0 ? lines[at] : undefined;
    const rps = line ? num(line, /(\d+) req\/s/) : undefined;
    const p99 = line ? num(line, /p99 ([\d.]+) ms/) : undefined;
    // bench/ingest.ts prints the relay's share of the durable floor and the same load at half the measured rate
    // (the latency target) on the lines below it.
    const below = at >= 0 ? lines.slice(at + 1, at + 4) : [];
    const halfLine = below.find((l) => l.startsWith('  at half load'));
    const half = halfLine ? num(halfLine, /p99 ([\d.]+) ms/) : undefined;
    const ofFloor = num(below.find((l) => l.startsWith('  of the durable floor')) ?? '', /floor\s+([\d.]+)/);
    const floorAt = lines.findIndex((l) => l.startsWith(`durable floor, ${backend} `));
    const floor = floorAt >= 0 ? num(lines[floorAt]!, /(\d+) req\/s/) : undefined;
    const floorHalf = floorAt >= 0 && lines[floorAt + 1]?.startsWith('  at half load') ? num(lines[floorAt + 1]!, /p99 ([\d.]+) ms/) : undefined;
    const ratio = rps !== undefined && bare ? rps / bare : undefined;
    const counts = at >= 0 ? lines.slice(at + 1, at + 8).find((l) => l.startsWith('  per message')) : undefined;
    const statements = counts ? /([\d.]+) database statements, ([\d.]+) messages per transaction/.exec(counts) : null;
    rows.push({
      figure: `durable ingest POST /v1/sessions/{id}/messages, 50 connections, sessions ${state === 'human' ? 'owned by a person' : 'pending'}`,
      backend,
      measured:
        (rps === undefined ? 'n/a' : `${rps} req/s, p99 ${ms(p99)}; half load p99 ${ms(half)}`) +
        (statements ? `; ${statements[1]} statements per message, ${statements[2]} messages per transaction` : ''),
      baseline:
        (bare === undefined ? 'n/a' : `bare node:http ${bare} req/s`) +
        (floor === undefined ? '' : `; durable floor ${floor} req/s (${bare ? (floor / bare).toFixed(2) : 'n/a'} of bare, half load p99 ${ms(floorHalf)}), relay ${ofFloor?.toFixed(2) ?? 'n/a'} of it`),
      ratio: ratio === undefined ? 'n/a' : ratio.toFixed(3),
      target: `≥ ${target} of bare, p99 < 25 ms at half load`,
      met: ratio === undefined ? null : ratio >= target && half !== undefined && half < 25,
    });
  }
}

async function paint() {
  const build = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.stderr.write('  (vite build failed: the paint bench may measure a stale build)\n');
  const out = await run('bench/sidebar-paint.ts', QUICK ? { BENCH_RUNS: '3' } : {});
  const small = num(out, /3 messages[^:]*:\s+([\d.]+) ms/);
  const big = num(out, /1,000 messages:\s+([\d.]+) ms/);
  rows.push({
    figure: '1,000-message transcript, data arrived → first transcript screen',
    backend: 'Chromium',
    measured: ms(big),
    baseline: `3 messages ${ms(small)}`,
    ratio: big && small ? (big / small).toFixed(2) : 'n/a',
    target: '< 150 ms, ratio ≤ 1.2',
    met: big === undefined || small === undefined ? null : big < 150 && big / small <= 1.2,
  });
}

/** bench/insights.ts on one backend: PostgreSQL with 1,000,000 sessions, PGlite (in this thread's WASM) with 200,000. */
async function insights(backend: 'PGlite' | 'PostgreSQL') {
  const sessions = QUICK ? (backend === 'PGlite' ? '50000' : '100000') : undefined;
  const out = await run('bench/insights.ts', { DATABASE_URL: backend === 'PGlite' ? '' : POSTGRES, ...(sessions ? { BENCH_SESSIONS: sessions } : {}) });
  const seeded = num(out, /seeded ([\d,]+) sessions/);
  // Each scenario prints its name, then its lines; the whole report is the last of them.
  const blocks = out.split(/\n(?=\S.*: [\d,]+ handoffs in the period)/);
  for (const [days, target] of [[30, 300], [90, 300], [180, 500]] as const) {
    const block = blocks.find((b) => b.startsWith(days === 30 ? 'biggest tenant (70%), all AI agents, last 30 days' : `biggest tenant, all AI agents, last ${days} days`));
    const whole = block ? num(block, /whole report[^\d]+([\d.]+) ms/) : undefined;
    const base = block ? num(block, /baseline: count\(\*\)[^\d]+([\d.]+) ms/) : undefined;
    rows.push({
      figure: `insights, whole report, ${days} days (${seeded?.toLocaleString('en') ?? '?'} sessions)`,
      backend,
      measured: ms(whole),
      baseline: `count(*) ${ms(base)}`,
      ratio: whole && base ? `×${(whole / base).toFixed(1)}` : 'n/a',
      target: `< ${target} ms`,
      met: whole === undefined ? null : whole < target,
    });
  }
}

/** bench/scale-out.ts: 1 vs 3 relay processes on one PostgreSQL, medians of interleaved rounds, duplicates counted. */
async function scaleOut() {
  const out = await run('bench/scale-out.ts', { DATABASE_URL: POSTGRES, ...(QUICK ? { BENCH_SESSIONS: '50', BENCH_ROUNDS: '1' } : {}) });
  const many = num(out, /1 vs (\d+) relays/) ?? 3;
  const sessions = num(out, /(\d+) sessions, /);
  const per = (relays: number, re: RegExp) => num(out.split('\n').find((l) => l.startsWith(`relays ${relays}: `)) ?? '', re);
  for (const [what, re] of [
    ['agent replies → callbacks per second', /callbacks (\d+)\/s/],
    ['platform messages → ticket lines per second', /ticket lines (\d+)\/s/],
  ] as const) {
    const one = per(1, re);
    const more = per(many, re);
    const ratio = one && more !== undefined ? more / one : undefined;
    rows.push({
      figure: `scale-out, ${what} (${sessions ?? '?'} sessions)`,
      backend: 'PostgreSQL',
      measured: more === undefined ? 'n/a' : `${many} relays ${more}/s`,
      baseline: one === undefined ? 'n/a' : `1 relay ${one}/s`,
      ratio: ratio === undefined ? 'n/a' : `×${ratio.toFixed(2)}`,
      target: 'grows with relays (ratio > 1)',
      met: ratio === undefined ? null : ratio > 1,
    });
  }
  const dupes = num(out, /^duplicates: (\d+)/m);
  rows.push({
    figure: 'scale-out, deliveries made twice (callbacks, messages, ticket lines, tickets)',
    backend: 'PostgreSQL',
    measured: dupes === undefined ? 'n/a' : String(dupes),
    baseline: '',
    ratio: '',
    target: '0 (the bench fails otherwise)',
    met: dupes === undefined ? null : dupes === 0,
  });
}

if (ONLY.has('relay')) {
  await relayHop('PGlite');
  await relayHop('PostgreSQL');
}
if (ONLY.has('ingest')) {
  await ingest('pending');
  await ingest('human');
}
if (ONLY.has('paint')) await paint();
if (ONLY.has('insights')) {
  await insights('PGlite');
  await insights('PostgreSQL');
}
if (ONLY.has('scale')) await scaleOut();

const columns: Array<[keyof Row, string]> = [['figure', 'figure'], ['backend', 'backend'], ['measured', 'measured'], ['baseline', 'baseline'], ['ratio', 'ratio'], ['target', 'target'], ['met', 'met']];
const cell = (r: Row, k: keyof Row) => (k === 'met' ? (r.met === null ? '–' : r.met ? 'yes' : 'no') : String(r[k]));
const widths = columns.map(([k, h]) => Math.max(h.length, ...rows.map((r) => cell(r, k).length)));
console.log(`\nspeed figures (issue #16)${QUICK ? ', quick mode' : ''}, ${new Date().toISOString()}`);
console.log(columns.map(([, h], i) => h.padEnd(widths[i]!)).join(' | '));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(columns.map(([k], i) => cell(r, k).padEnd(widths[i]!)).join(' | '));
