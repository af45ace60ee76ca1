/**
 * Scale-out: relay processes on one PostgreSQL behind a round-robin balancer, 1 relay against BENCH_RELAYS
 * (3), interleaved rounds in one run so the box's load hits both alike. Each round is a fresh world
 * (database, emulator, relays; bench/hop-world.ts):
 *  - agent replies → callbacks per second: BENCH_REPLIES_PER_TICKET replies on each of BENCH_SESSIONS tickets
 *    at once, until every message.created callback arrived (BENCH_EVENTS=0: an account without event webhooks,
 *    where a catch-up reads every reply back from Zendesk);
 *  - platform messages → ticket lines per second: BENCH_MESSAGES_PER_SESSION end-user messages per session at
 *    once through the balancer, each sent twice at once (a platform's retry; BENCH_RESEND=0 sends it once),
 *    until every line is on its ticket;
 *  - duplicates: a callback id or a relayed message id the receiver saw twice, a line written twice on a
 *    ticket, a ticket made twice. Any duplicate is a defect: the bench says so and exits 1.
 *   npm run bench:scale-out     (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test)
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { HopWorld } from './hop-world.js';
import { cpuSince, sampleCpu } from './process-cpu.js';

// Read by server/test/backends.ts when it loads: set before hop-world.ts is imported.
process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
const { startHopWorld, waitUntil } = await import('./hop-world.js');
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const REPLIES_PER_TICKET = Number(process.env.BENCH_REPLIES_PER_TICKET ?? 2);
const MESSAGES_PER_SESSION = Number(process.env.BENCH_MESSAGES_PER_SESSION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MANY = Number(process.env.BENCH_RELAYS ?? 3);
const WORKER_CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '64';
/** 0: a Zendesk account without event webhooks, so each agent reply is read back by a catch-up (triggers only). */
const EVENTS = process.env.BENCH_EVENTS !== '0';
/** Send each platform message twice at once (0 = once). */
const RESEND = process.env.BENCH_RESEND !== '0';

interface Duplicates {
  callbacks: number;
  messages: number;
  ticketLines: number;
  tickets: number;
}
/** CPU time per item of a phase, ms, by who spent it; `cores` = all of it over the phase's wall time. */
interface CpuSplit {
  relays: number;
  postgres: number;
  bench: number;
  cores: number;
}
interface RunResult {
  relays: number;
  replyCpu: CpuSplit;
  lineCpu: CpuSplit;
  readsPerReply: number;
  linesPerComment: number;
  /** Transactions rolled back during the lines phase (an ingest batch that met a copy committed by another relay). */
  lineRollbacks: number;
  /** Per session, ms between its first and last line's ingest transaction (p50, p90): how far apart a burst lands. */
  burstSpread: [number, number];
  handoffsPerSec: number;
  repliesPerSec: number;
  linesPerSec: number;
  workers: number;
  connections: number[];
  duplicates: Duplicates;
}

type Ticket = ReturnType<HopWorld['emulator']['tickets']>[number];
// Lines batched into one comment are joined by blank lines (relay-handlers.ts relayEndUserMessages).
const splitComment = (body: string) => body.split('\n\n').filter((l) => l.startsWith('scale '));
/** The bench's own texts on a ticket (agent replies and end-user lines), as the emulator holds them. */
const linesOf = (t: Ticket) => t.comments.flatMap((c) => splitComment(c.body));

/** Ticket comments that carry end-user lines: a ticket update each (Zendesk allows 30 per ticket per 10 minutes). */
const commentsWithLines = (world: HopWorld) =>
  world.emulator.tickets().reduce((n, t) => n + t.comments.filter((c) => splitComment(c.body).some((l) => l.startsWith('scale line '))).length, 0);

function countDuplicates(world: HopWorld): Duplicates {
  const repeats = (xs: readonly string[]) => xs.length - new Set(xs).size;
  const created = world.callbacks.filter((c) => c.type === 'message.created' && c.messageId);
  // A message announced under two different callback ids was relayed twice (not merely redelivered).
  const firstOfEach = new Map(created.map((c) => [c.webhookId, c.messageId!]));
  return {
    callbacks: repeats(world.callbacks.map((c) => c.webhookId)),
    messages: repeats([...firstOfEach.values()]),
    ticketLines: world.emulator.tickets().reduce((n, t) => n + repeats(linesOf(t)), 0),
    tickets: repeats(world.emulator.tickets().map((t) => t.external_id ?? `#${t.id}`)),
  };
}

/**
 * Starts a CPU meter over the relays, this world's PostgreSQL backends and the bench process (emulator, receiver,
 * balancer). Approximate: a backend that exits mid-phase takes its time with it (the pools keep them while busy).
 */
async function startCpuMeter(world: HopWorld): Promise<(items: number) => Promise<CpuSplit>> {
  const relayPids = world.relays.map((r) => r.process.pid!);
  const pgBefore = await world.postgresPids();
  const before = sampleCpu([...relayPids, ...pgBefore]);
  const bench0 = process.cpuUsage();
  const t0 = performance.now();
  return async (items) => {
    const wallMs = performance.now() - t0;
    const pgPids = [...new Set([...pgBefore, ...(await world.postgresPids())])];
    const bench = process.cpuUsage(bench0);
    const split = { relays: cpuSince(before, relayPids), postgres: cpuSince(before, pgPids), bench: (bench.user + bench.system) / 1000 };
    return { relays: split.relays / items, postgres: split.postgres / items, bench: split.bench / items, cores: (split.relays + split.postgres + split.bench) / wallMs };
  };
}

/** This database's rolled-back transactions so far (PostgreSQL's statistics, flushed within about a second). */
async function rollbacks(world: HopWorld): Promise<number> {
  await world.db.query(`SELECT pg_stat_clear_snapshot()`);
  const { rows } = await world.db.query<{ n: string }>(`SELECT xact_rollback::text AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0]!.n);
}

async function measure(relays: number): Promise<RunResult> {
  const world = await startHopWorld({ relays, relayEnv: { WORKER_CONCURRENCY }, eventSubscriptions: EVENTS });
  try {
    const h0 = performance.now();
    const sessions = await world.openSessions(SESSIONS);
    const handoffsPerSec = SESSIONS / ((performance.now() - h0) / 1000);

    // 1. Agent replies, all at once; done when every reply's callback arrived.
    const replies = sessions.flatMap((s, i) => Array.from({ length: REPLIES_PER_TICKET }, (_, r) => ({ ticketId: s.ticketId, text: `scale reply ${i}.${r} ${randomUUID()}` })));
    const replyMeter = await startCpuMeter(world);
    const readsBefore = world.emulator.requestCount({ method: 'GET' });
    const r0 = performance.now();
    await Promise.all(replies.map((r) => world.emulator.agentReply(r.ticketId, { body: r.text, public: true })));
    const wanted = new Set(replies.map((r) => r.text));
    const arrived = new Map<string, number>();
    let scanned = 0;
    await waitUntil(() => {
      // Only the callbacks that came since the last look: the wait must cost the bench process little.
      for (; scanned < world.callbacks.length; scanned++) {
        const c = world.callbacks[scanned]!;
        if (c.text && wanted.has(c.text) && !arrived.has(c.text)) arrived.set(c.text, c.at);
      }
      return arrived.size === wanted.size;
    }, `${wanted.size} agent replies' callbacks`);
    const repliesPerSec = wanted.size / ((Math.max(...arrived.values()) - r0) / 1000);
    const replyCpu = await replyMeter(wanted.size);
    await world.settle();
    // Counted once every catch-up the replies queued has run (a trigger's check may outlast the hop).
    const readsPerReply = (world.emulator.requestCount({ method: 'GET' }) - readsBefore) / wanted.size;

    // 2. End-user messages through the balancer, all at once; done when every line is on its ticket.
    const lines = sessions.flatMap((s, i) => Array.from({ length: MESSAGES_PER_SESSION }, (_, n) => ({ sessionId: s.id, id: `m-${n}`, text: `scale line ${i}.${n} ${randomUUID()}` })));
    const lineMeter = await startCpuMeter(world);
    const rollbacks0 = await rollbacks(world);
    const m0 = performance.now();
    // Each message is also sent a second time at once (a platform retrying after a timeout), which the balancer
    // usually hands to another relay: exactly one of the two may be stored (202), the other is a duplicate (200).
    await Promise.all(
      lines.map(async (l) => {
        const body = { id: l.id, role: 'user', text: l.text, createdAt: new Date().toISOString() };
        const answers = await Promise.all(Array.from({ length: RESEND ? 2 : 1 }, () => world.api(`/v1/sessions/${l.sessionId}/messages`, body)));
        const stored = answers.filter((a) => a.status === 202).length;
        if (stored !== 1 || answers.some((a) => a.status !== 202 && a.status !== 200)) throw new Error(`message answered ${answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`).join(', ')}`);
      }),
    );
    const expected = new Map<number, Set<string>>();
    for (const s of sessions) expected.set(s.ticketId, new Set(lines.filter((l) => l.sessionId === s.id).map((l) => l.text)));
    const waiting = new Set(expected.keys());
    await waitUntil(() => {
      // Only the tickets still missing a line are copied out of the emulator.
      for (const ticketId of waiting) {
        const have = new Set(linesOf(world.emulator.ticket(ticketId)!));
        if ([...expected.get(ticketId)!].every((t) => have.has(t))) waiting.delete(ticketId);
      }
      return waiting.size === 0;
    }, `${lines.length} lines on the tickets`);
    const linesPerSec = lines.length / ((performance.now() - m0) / 1000);
    const lineCpu = await lineMeter(lines.length);
    const linesPerComment = lines.length / commentsWithLines(world);
    await world.settle();
    const lineRollbacks = (await rollbacks(world)) - rollbacks0;
    const spreads = (
      await world.db.query<{ ms: number }>(
        `SELECT (EXTRACT(EPOCH FROM max(received_at) - min(received_at)) * 1000)::float8 AS ms
           FROM messages WHERE text LIKE 'scale line %' GROUP BY session_id ORDER BY 1`,
      )
    ).rows.map((r) => Number(r.ms));
    const burstSpread: [number, number] = [spreads[Math.floor(spreads.length * 0.5)] ?? 0, spreads[Math.floor(spreads.length * 0.9)] ?? 0];

    const workers = (await world.db.query<{ n: number }>(`SELECT count(DISTINCT locked_by)::int AS n FROM deliveries WHERE locked_by IS NOT NULL`)).rows[0]!.n;
    return { relays, replyCpu, lineCpu, readsPerReply, linesPerComment, lineRollbacks, burstSpread, handoffsPerSec, repliesPerSec, linesPerSec, workers, connections: world.proxy.connectionsPerUpstream(), duplicates: countDuplicates(world) };
  } finally {
    await world.stop();
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
};
const rate = (x: number) => `${x.toFixed(0)}/s`;
const cpu = (c: CpuSplit) => `CPU ms each: relays ${c.relays.toFixed(1)} + postgres ${c.postgres.toFixed(1)} + bench ${c.bench.toFixed(1)}, ${c.cores.toFixed(2)} cores busy`;

console.log(
  `scale-out bench on PostgreSQL, ${SESSIONS} sessions, ${REPLIES_PER_TICKET} agent replies per ticket, ${MESSAGES_PER_SESSION} messages per session${RESEND ? ' (each sent twice at once)' : ''}, ` +
    `${EVENTS ? '' : 'triggers only (no event webhooks), '}1 vs ${MANY} relays, ${ROUNDS} interleaved rounds, WORKER_CONCURRENCY=${WORKER_CONCURRENCY} per relay, ${availableParallelism()} cores`,
);
const results: RunResult[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const relays of [1, MANY]) {
    const r = await measure(relays);
    results.push(r);
    const d = r.duplicates;
    console.log(
      `round ${round}, relays ${relays}: handoffs ${rate(r.handoffsPerSec)}, agent replies → callbacks ${rate(r.repliesPerSec)}, ` +
        `messages → ticket lines ${rate(r.linesPerSec)}; outbox workers ${r.workers}, connections per relay ${r.connections.join('/')}; ` +
        `duplicates ${d.callbacks + d.messages + d.ticketLines + d.tickets}`,
    );
    console.log(`  replies: ${r.readsPerReply.toFixed(2)} Zendesk reads each; ${cpu(r.replyCpu)}`);
    console.log(`  lines: ${r.linesPerComment.toFixed(2)} lines per ticket comment, ${r.lineRollbacks} transactions rolled back, a session's lines committed within ${r.burstSpread[0].toFixed(0)} ms (p50) / ${r.burstSpread[1].toFixed(0)} ms (p90); ${cpu(r.lineCpu)}`);
  }
}

const summary = (relays: number) => {
  const rs = results.filter((r) => r.relays === relays);
  return { replies: median(rs.map((r) => r.repliesPerSec)), lines: median(rs.map((r) => r.linesPerSec)), handoffs: median(rs.map((r) => r.handoffsPerSec)) };
};
const one = summary(1);
const many = summary(MANY);
for (const [n, s] of [[1, one], [MANY, many]] as const) {
  console.log(`relays ${n}: agent replies → callbacks ${rate(s.replies)}  messages → ticket lines ${rate(s.lines)}  handoffs ${rate(s.handoffs)} (medians)`);
}
console.log(`ratio ${MANY}/1: callbacks ×${(many.replies / one.replies).toFixed(2)}  ticket lines ×${(many.lines / one.lines).toFixed(2)}  handoffs ×${(many.handoffs / one.handoffs).toFixed(2)}`);
const total = results.reduce(
  (t, r) => ({ callbacks: t.callbacks + r.duplicates.callbacks, messages: t.messages + r.duplicates.messages, ticketLines: t.ticketLines + r.duplicates.ticketLines, tickets: t.tickets + r.duplicates.tickets }),
  { callbacks: 0, messages: 0, ticketLines: 0, tickets: 0 },
);
const dupes = total.callbacks + total.messages + total.ticketLines + total.tickets;
console.log(`duplicates: ${dupes} (callbacks delivered twice ${total.callbacks}, messages relayed twice ${total.messages}, ticket lines written twice ${total.ticketLines}, tickets made twice ${total.tickets})`);
if (dupes > 0) {
  console.log('DUPLICATE DELIVERY: a callback or a ticket comment went out twice; this is a defect.');
  process.exit(1);
}
