/**
 * Zendesk side of the relay, against the emulator:
 *  - Zendesk API calls per handoff, and per burst of 10 customer messages;
 *  - relay-hop latency (Zendesk webhook in → signed callback out) p50/p99 with 200 concurrent sessions,
 *    next to the same webhooks sent by the emulator straight to a bare receiver (the baseline).
 * The relay runs in its own process (`server/main.ts`, as `npm start` runs it): in production it does not share
 * an event loop with Zendesk's fan-out or the platform's receiver, and the embedded database's queries block
 * the loop they run on. The emulator and the receiver share this process, for the relay and the baseline alike.
 *   npm run bench:zendesk            BENCH_SESSIONS=200, BENCH_WORKER_CONCURRENCY=64 (the relay's WORKER_CONCURRENCY),
 *                                    BENCH_RELAY_ROOT=<checkout> runs that checkout's relay (A/B against older code)
 *                                    BENCH_WITHOUT_REPLY_TRIGGER=1 (steady round without the agent-reply trigger),
 *                                    BENCH_PROFILE=/tmp/prof for a CPU profile of the relay process (it prints each
 *                                    round's window: node --import tsx bench/profile-window.ts <profile> <from> <to>)
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMasterKey } from '../server/core/secrets.js';
import { openDatabase } from '../server/db/open.js';
import { metricValue } from '../server/metrics/metric-value.js';
import { connectZendesk, createAgent, createApiKey, createTenant, provisionTenantZendesk } from '../server/relay/admin.js';
import { startZendeskEmulator } from '../server/zendesk-emu/index.js';
import { createScratchDatabase, POSTGRES_URL } from '../server/test/backends.js';
import { cpuSince, databaseBackendPids, sampleCpu } from './process-cpu.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const arrivals = new Map<string, number>();
/** Every callback the receiver took (a session's state changes as well as its messages). */
let callbacks = 0;
const receiver = createServer((req, res) => {
  callbacks++;
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const parsed = JSON.parse(body) as { type?: string; data?: { message?: { text?: string } }; marker?: string };
    const key = parsed.data?.message?.text ?? parsed.marker;
    if (key && !arrivals.has(key)) arrivals.set(key, performance.now());
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;

const z = await startZendeskEmulator({ accountRequestsPerMinute: 1_000_000 });
z.addApiToken('admin@acme.test', 'dev-token');
const dataDir = mkdtempSync(join(tmpdir(), 'baton-zbench-'));
// With DATABASE_URL: a scratch database of its own, dropped at the end.
const scratch = POSTGRES_URL ? await createScratchDatabase() : undefined;
const MASTER_KEY = 'c'.repeat(64);
const METRICS_TOKEN = randomUUID();
// The relay's port is chosen first: Zendesk's webhooks are provisioned with its URL before it starts.
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const p = (probe.address() as { port: number }).port;
    probe.close(() => resolve(p));
  });
});
const relayUrl = `http://127.0.0.1:${port}`;
// Set up before the relay starts: the embedded database belongs to one process at a time.
const setup = await openDatabase({ databaseUrl: scratch?.url, dataDir });
const tenant = await createTenant(setup, { name: 'Bench' });
const agent = await createAgent(setup, parseMasterKey(MASTER_KEY), { tenantId: tenant.id, name: 'Bot', callbackUrl: receiverUrl });
const key = await createApiKey(setup, { agentId: agent.agentId });
await connectZendesk(setup, parseMasterKey(MASTER_KEY), tenant.id, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
await provisionTenantZendesk(setup, parseMasterKey(MASTER_KEY), tenant.id, relayUrl);
await setup.close();
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const relayProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
  cwd: process.env.BENCH_RELAY_ROOT ?? fileURLToPath(new URL('..', import.meta.url)),
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MASTER_KEY,
    METRICS_TOKEN,
    LOG_LEVEL: 'info', // the readiness line below is an info line
    DATABASE_URL: scratch?.url ?? '',
    WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '64',
    RECONCILE_INTERVAL_MS: '3600000',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  let out = '';
  relayProcess.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('listening on')) resolve();
  });
  relayProcess.once('exit', (code) => reject(new Error(`relay exited with ${code}:\n${out}`)));
});
relayProcess.stdout!.resume();
const relay = {
  url: relayUrl,
  kind: scratch ? 'postgres' : 'pglite',
  scrapes: 0,
  /** A value of the relay's /metrics page (each scrape reads the outbox: `scrapes` counts them). */
  async metric(name: string): Promise<number> {
    relay.scrapes++;
    const text = await (await fetch(`${relayUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return metricValue(text, name);
  },
  /** Deliveries still to go out, from the relay's own gauge (it reads the outbox when scraped). */
  pending: () => relay.metric('baton_outbox_pending'),
  async stop(): Promise<void> {
    const exited = new Promise((r) => relayProcess.once('exit', r));
    relayProcess.kill('SIGTERM');
    await exited;
  },
};
const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key.apiKey}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
const waitUntil = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};
/** Until every queued delivery (catch-ups of Zendesk tickets among them) has gone out. */
async function drainInbound(): Promise<void> {
  while ((await relay.pending()) !== 0) await new Promise((r) => setTimeout(r, 50));
}
const ticketOf = (sessionId: string) => z.tickets().find((t) => t.external_id === `baton:${sessionId}`);

// 1. Calls per handoff.
const before = z.requestCount();
const sessions: Array<{ id: string; ticketId: number }> = [];
await Promise.all(
  Array.from({ length: SESSIONS }, async (_, i) => {
    const r = (await api('/v1/handoffs', {
      conversationId: `bench-${i}`,
      endUser: { id: `u${i}`, name: `User ${i}`, email: `u${i}@example.com` },
      transcript: [{ id: 'm1', role: 'user', text: 'I need a human', createdAt: new Date().toISOString() }],
      reason: { code: 'customer_request' },
    }, { 'idempotency-key': randomUUID() })) as { session: { id: string } };
    sessions.push({ id: r.session.id, ticketId: 0 });
  }),
);
await waitUntil(() => sessions.every((s) => ticketOf(s.id)));
for (const s of sessions) s.ticketId = ticketOf(s.id)!.id;
const perHandoff = (z.requestCount() - before) / SESSIONS;

// 2. Calls per burst of 10 customer messages (one session).
const burstSession = sessions[0]!;
const beforeBurst = z.requestCount();
await Promise.all(Array.from({ length: 10 }, (_, n) => api(`/v1/sessions/${burstSession.id}/messages`, { id: `burst-${n}`, role: 'user', text: `burst ${n}`, createdAt: new Date().toISOString() })));
await waitUntil(() => ticketOf(burstSession.id)!.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n')).length >= 10);
const perBurst = z.requestCount() - beforeBurst;

// 3. Relay hop: an agent replies on every ticket at once, twice. The first round is each session's first agent reply,
// which moves it to `human`: one more callback (session.state_changed, sent before the message), its waiting row's
// first reply and a refresh of the wait estimates; it is also the first replies this relay process sees. The second
// is the steady state of a conversation under way, the figure the target is judged on.
await z.settleWebhooks();
await drainInbound();
const readsBefore = z.requestCount({ method: 'GET' });
const hooksBefore = z.webhookDeliveries().length;
// CPU the replies cost, by process (the relay, its database's server processes, this process: emulator + receiver).
async function replyRound(round: string) {
  // Read each round: the pool opens and closes connections between rounds.
  const backends = await databaseBackendPids(scratch?.url);
  const cpuBefore = sampleCpu([relayProcess.pid!, ...backends]);
  const selfBefore = process.cpuUsage();
  const callbacksBefore = callbacks;
  const windowStart = process.hrtime.bigint() / 1000n;
  const sent = new Map<string, number>();
  await Promise.all(
    sessions.map(async (s, i) => {
      const text = `reply ${round} ${i} ${randomUUID()}`;
      sent.set(text, performance.now());
      await z.agentReply(s.ticketId, { body: text, public: true });
    }),
  );
  await waitUntil(() => [...sent.keys()].every((k) => arrivals.has(k)));
  const hops = [...sent].map(([k, t0]) => arrivals.get(k)! - t0);
  const selfUsed = process.cpuUsage(selfBefore);
  const cpu = {
    relay: cpuSince(cpuBefore, [relayProcess.pid!]) / SESSIONS,
    database: cpuSince(cpuBefore, backends) / SESSIONS,
    zendeskAndReceiver: (selfUsed.user + selfUsed.system) / 1000 / SESSIONS,
  };
  // A CPU profile's sample times are on the same monotonic clock: bench/profile-window.ts reads this round alone.
  if (process.env.BENCH_PROFILE) console.log(`profile window (${round} round, µs): ${windowStart} ${process.hrtime.bigint() / 1000n}`);
  return { hops, cpu, callbacksPerReply: (callbacks - callbacksBefore) / SESSIONS };
}
const firstRound = await replyRound('first');
// BENCH_WITHOUT_REPLY_TRIGGER=1: the steady round without the agent-reply trigger (the safety net for lost events),
// to weigh what it costs: Zendesk then sends the relay one webhook per reply instead of two.
if (process.env.BENCH_WITHOUT_REPLY_TRIGGER) {
  const basicAuth = `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`;
  const { triggers } = (await (await fetch(`${z.baseUrl}/api/v2/triggers`, { headers: { authorization: basicAuth } })).json()) as {
    triggers: Array<{ id: number; title: string; conditions: unknown; actions: unknown }>;
  };
  const reply = triggers.find((t) => t.title === 'Baton: agent public reply')!;
  const off = { trigger: { title: reply.title, active: false, conditions: reply.conditions, actions: reply.actions } };
  await fetch(`${z.baseUrl}/api/v2/triggers/${reply.id}`, { method: 'PUT', headers: { authorization: basicAuth, 'content-type': 'application/json' }, body: JSON.stringify(off) });
}
// Database statements of the steady round, once everything it queued has settled, less the scrapes' own reads.
await z.settleWebhooks();
await drainInbound();
const scrapeCost = -(await relay.metric('baton_db_statements_total')) + (await relay.metric('baton_db_statements_total'));
const statementsBefore = await relay.metric('baton_db_statements_total');
const scrapesBefore = relay.scrapes;
const steadyRound = await replyRound('steady');
await z.settleWebhooks();
await drainInbound();
const statementsAfter = await relay.metric('baton_db_statements_total');
const statementsPerReply = (statementsAfter - statementsBefore - scrapeCost * (relay.scrapes - scrapesBefore)) / SESSIONS;
// Reads the replies cost, counted once every catch-up they queued has settled (a trigger's check may outlast the hop).
await z.settleWebhooks();
await drainInbound();
const readsPerReply = (z.requestCount({ method: 'GET' }) - readsBefore) / (2 * SESSIONS);
const hooksPerReply = (z.webhookDeliveries().length - hooksBefore) / (2 * SESSIONS);

// Baseline: the emulator's webhooks straight to the bare receiver, same fan-out. The relay's event webhook
// (it hears every ticket of the account) is paused meanwhile, so the baseline shares the process with no relay work.
const basic = `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`;
const relayEventHooks = (((await (await fetch(`${z.baseUrl}/api/v2/webhooks`, { headers: { authorization: basic } })).json()) as { webhooks: Array<{ id: string; subscriptions: string[] }> }).webhooks)
  .filter((h) => h.subscriptions.some((x) => x.startsWith('zen:event-type:')));
const setHooks = (status: string) =>
  Promise.all(relayEventHooks.map((h) => fetch(`${z.baseUrl}/api/v2/webhooks/${h.id}`, { method: 'PATCH', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ webhook: { status } }) })));
await setHooks('inactive');
const hookRes = await fetch(`${z.baseUrl}/api/v2/webhooks`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`, 'content-type': 'application/json' },
  body: JSON.stringify({ webhook: { name: 'direct', endpoint: receiverUrl, http_method: 'POST', request_format: 'json', subscriptions: ['conditional_ticket_events'], status: 'active' } }),
});
const hookId = ((await hookRes.json()) as { webhook: { id: string } }).webhook.id;
await fetch(`${z.baseUrl}/api/v2/triggers`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`, 'content-type': 'application/json' },
  body: JSON.stringify({ trigger: { title: 'direct', conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'bench_direct' }], any: [] }, actions: [{ field: 'notification_webhook', value: [hookId, '{"marker":"direct {{ticket.id}} {{ticket.latest_comment.id}}"}'] }] } }),
});
const direct: number[] = [];
const directTickets = await Promise.all(
  sessions.map(() =>
    fetch(`${z.baseUrl}/api/v2/tickets`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: 'x', comment: { body: 'x', public: false }, tags: ['bench_direct'] } }),
    }).then((r) => r.json() as Promise<{ ticket: { id: number } }>),
  ),
);
await z.settleWebhooks();
arrivals.clear();
const t0s = new Map<number, number>();
await Promise.all(directTickets.map(async ({ ticket }) => {
  t0s.set(ticket.id, performance.now());
  await z.agentReply(ticket.id, { body: 'direct', public: true });
}));
await waitUntil(() => [...t0s.keys()].every((id) => [...arrivals.keys()].some((k) => k.startsWith(`direct ${id} `))));
for (const [id, t0] of t0s) {
  const k = [...arrivals.keys()].filter((x) => x.startsWith(`direct ${id} `)).map((x) => arrivals.get(x)!).sort((a, b) => b - a)[0]!;
  direct.push(k - t0);
}

console.log(`zendesk bench on ${relay.kind}, ${SESSIONS} concurrent sessions, relay in its own process`);
console.log(`Zendesk API calls per handoff:                 ${perHandoff.toFixed(2)}`);
console.log(`Zendesk API calls per burst of 10 messages:    ${perBurst}`);
console.log(`Zendesk reads per agent reply:                  ${readsPerReply.toFixed(2)}`);
console.log(`Zendesk webhooks to the relay per agent reply:  ${hooksPerReply.toFixed(2)}`);
console.log(`database statements per agent reply:          ${statementsPerReply.toFixed(2)}   (steady round; BEGIN and COMMIT included; round trips on PostgreSQL)`);
const p = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`;
const cpuLine = (c: typeof steadyRound.cpu) =>
  `relay ${c.relay.toFixed(2)} ms, database server ${scratch ? `${c.database.toFixed(2)} ms` : 'in the relay'}, emulator + receiver ${c.zendeskAndReceiver.toFixed(2)} ms`;
console.log(`relay hop, first replies after start      ${p(firstRound.hops)}`);
console.log(`  CPU per agent reply (first)             ${cpuLine(firstRound.cpu)}`);
console.log(`  callbacks per agent reply               first ${firstRound.callbacksPerReply.toFixed(2)}, steady ${steadyRound.callbacksPerReply.toFixed(2)} (a session's first reply also says it moved to human)`);
console.log(`relay hop (webhook in → callback out)   ${p(steadyRound.hops)}   (steady state: the second round)`);
console.log(`baseline (emulator → bare receiver)     ${p(direct)}`);
console.log(`CPU per agent reply (until its callback)  ${cpuLine(steadyRound.cpu)}`);
console.log(`ratio relay/baseline                    p50 ${(percentile(steadyRound.hops, 50) / percentile(direct, 50)).toFixed(2)}  p99 ${(percentile(steadyRound.hops, 99) / percentile(direct, 99)).toFixed(2)}`);
await relay.stop();
await z.stop();
receiver.close();
rmSync(dataDir, { recursive: true, force: true });
await scratch?.drop();
