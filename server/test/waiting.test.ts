import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../cli/commands.js';
import { loadConfig } from '../config.js';
import { applyWaitingPatch, DEFAULT_WAITING_SETTINGS, type WaitingSettingsPatch } from '../core/waiting-settings.js';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { applySessionEvent } from '../relay/session-events.js';
import { customerWrote } from '../relay/waiting.js';
import { findSession } from '../store/sessions.js';
import { startRelay, type Relay } from '../runtime.js';
import { setReturnToAiTicketStatus } from '../store/tenants.js';
import { saveWaitingSettings } from '../store/waiting.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, POSTGRES_URL, warnIfPostgresSkipped } from './backends.js';
import { fastRetry, handoffBody, startTestRelay, TEST_MASTER_KEY, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('waiting.test.ts');

/** A Wednesday 12:00 in Berlin still to come: timers computed from it are not due until a test says so. */
const FUTURE_WEDNESDAY = Date.parse('2027-06-02T10:00:00Z');

/**
 * "The customer is never left waiting in silence" (issue #14), over real sockets against the Zendesk
 * emulator's Business Hours API, with an injected clock: the relay computes business hours at that
 * time. Timers are outbox rows due at their time; `advanceTimers` moves time forward for the outbox by
 * making every pending timer due now (the database clock is the one all relays share).
 */
describe.each(BACKENDS)('waiting for a person, on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  let clock = Date.parse('2026-06-03T10:00:00Z');
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    const berlin = z.schedules.add({ name: 'Berlin', time_zone: 'Berlin' });
    z.schedules.addHoliday(berlin, { name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-26' });
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' }, overrides: { now: () => new Date(clock) } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const settings = (patch: WaitingSettingsPatch) => saveWaitingSettings(t.relay.db, t.agentId, applyWaitingPatch(DEFAULT_WAITING_SETTINGS, patch));
  const events = (sessionId: string, type?: string) => t.receiver.unique().filter((e) => e.data.sessionId === sessionId && (!type || e.type === type));
  const handOff = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/v1/handoffs', handoffBody(overrides), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;
    const accepted = await waitFor('handoff.accepted', () => events(id, 'handoff.accepted')[0]);
    return { id, ticketId: Number(accepted.data.ticketId), accepted: accepted.data };
  };
  const pendingTimers = async (sessionId: string) =>
    (await t.relay.db.query<{ kind: string }>(`SELECT kind FROM deliveries WHERE session_id = $1 AND channel = 'timer' AND status = 'pending'`, [sessionId])).rows.map((r) => r.kind);
  const advanceTimers = () => t.relay.db.query(`UPDATE deliveries SET next_attempt_at = now() WHERE channel = 'timer' AND status = 'pending'`);
  const quiet = () =>
    waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending' AND channel <> 'timer'`);
      return rows[0]!.n === 0;
    }, 20_000);

  it('the wait estimate: the median of first replies once there are enough, and an update only when it really changes', async () => {
    // Real time for this one: first replies are timed by the relay's own clock.
    clock = Date.now();
    await t.relay.db.query('DELETE FROM session_waiting WHERE first_reply_at IS NOT NULL');
    // Without business hours, so the message names the wait rather than the next opening.
    await settings({ estimateMinSamples: 3, useBusinessHours: false });
    const sessions: Array<Awaited<ReturnType<typeof handOff>>> = [];
    for (let i = 0; i < 4; i++) sessions.push(await handOff());
    expect(sessions[3]!.accepted).toMatchObject({ estimatedWaitSeconds: null, estimateSampleSize: 0 });
    for (const s of sessions.slice(0, 3)) {
      await z.agentReply(s.ticketId, { body: 'Hello!', public: true, agentName: 'Sam' });
      await waitFor('human', async () => (await t.api('GET', `/v1/sessions/${s.id}`)).body.session.state === 'human');
    }
    const update = await waitFor('session.waiting_update', () => events(sessions[3]!.id, 'session.waiting_update')[0]);
    expect(update.data).toMatchObject({ estimateSampleSize: 3, previousEstimatedWaitSeconds: null });
    expect(update.data.estimatedWaitSeconds).toBeGreaterThanOrEqual(0);
    // Too few samples before the third reply: no update then, one now.
    expect(events(sessions[3]!.id, 'session.waiting_update')).toHaveLength(1);
    const next = await handOff();
    expect(next.accepted.estimateSampleSize).toBe(3);
    expect(typeof next.accepted.estimatedWaitSeconds).toBe('number');
    expect(next.accepted.handoffMessage).toMatch(/usual wait is about \d+ minute/);
  });

  it('insights: first replies split by business hours at handoff, timeouts counted by kind', async () => {
    clock = Date.parse('2027-07-07T10:00:00Z'); // a Wednesday, open in Berlin
    await settings({ noAgentTimeout: { minutes: 30 }, agentSilent: { minutes: 5 } });
    const answered = await handOff();
    const ignored = await handOff();
    await z.agentReply(answered.ticketId, { body: 'Hi!', public: true, agentName: 'Sam' });
    await waitFor('human', async () => (await t.api('GET', `/v1/sessions/${answered.id}`)).body.session.state === 'human');
    await t.api('POST', `/v1/sessions/${answered.id}/messages`, { id: 'late-1', role: 'user', text: 'Hello?', createdAt: new Date().toISOString() });
    await advanceTimers();
    await waitFor('both timeouts', () => events(ignored.id, 'session.no_agent_timeout')[0] && events(answered.id, 'session.agent_silent')[0]);
    const report = await t.api('GET', '/v1/insights?from=2027-07-07&to=2027-07-08');
    expect(report.status).toBe(200);
    expect(report.body.summary.waiting).toMatchObject({ firstReplyWithinHours: { count: 1 }, firstReplyOutsideHours: { count: 0 }, timeouts: { noAgent: 1, agentSilent: 1 } });
    const csv = await t.api('GET', '/v1/insights/summary?from=2027-07-07&to=2027-07-08&format=csv');
    expect(String(csv.body)).toContain('no_agent_timeouts');
    await settings({});
  });

  it('settings through the API and the CLI: defaults, partial changes, clear refusals', async () => {
    const path = `/v1/agents/${t.agentId}/waiting-settings`;
    const initial = await t.api('GET', path);
    expect(initial.status).toBe(200);
    expect(initial.body.settings.noAgentTimeout.minutes).toBeNull();
    expect(initial.body.schedules).toEqual([{ id: expect.any(String), name: 'Berlin', timeZone: 'Europe/Berlin' }]);
    const changed = await t.api('PATCH', path, { noAgentTimeout: { minutes: 45, action: 'return_to_ai' }, scheduleByGroup: { 360001: '1' } });
    expect(changed.status).toBe(200);
    expect(changed.body.settings.noAgentTimeout).toMatchObject({ minutes: 45, action: 'return_to_ai', businessHours: true });
    const bad = await t.api('PATCH', path, { noAgentTimeout: { action: 'panic' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await t.api('PATCH', path, { surprise: true })).status).toBe(422);
    expect((await t.api('GET', '/v1/agents/agt_other/waiting-settings')).status).toBe(404);
    const lines: string[] = [];
    const ctx = { db: t.relay.db, masterKey: t.relay.masterKey, publicBaseUrl: t.url, print: (l: string) => lines.push(l) };
    expect(await runCommand(ctx, ['agent:waiting', '--agent', t.agentId, '--agent-silent-minutes', '20', '--agent-silent-business-hours', 'on', '--no-agent-minutes', 'off', '--group-schedule', '7=2'])).toBe(0);
    const shown = JSON.parse(lines.join('\n'));
    expect(shown.agentSilent).toMatchObject({ minutes: 20, businessHours: true });
    expect(shown.noAgentTimeout.minutes).toBeNull();
    expect(shown.scheduleByGroup).toEqual({ 360001: '1', 7: '2' });
    await settings({});
  });

  it("the rules' business_hours field comes from the Zendesk schedule unless the platform says otherwise", async () => {
    const rule = await t.api('POST', '/v1/rules', {
      name: 'After hours',
      conditions: { all: [{ field: 'business_hours', operator: 'is', value: false }, { field: 'text', operator: 'contains', value: 'refund' }], any: [] },
      action: { type: 'suggest', reasonCode: 'other' },
    });
    expect(rule.status).toBe(201);
    const decide = async (turn: Record<string, unknown>) => (await t.api('POST', `/v1/conversations/bh-${randomUUID()}/evaluate`, { turn: { text: 'refund please', ...turn } })).body.decision;
    expect((await decide({ at: '2026-06-03T10:00:00Z' })).rule?.name).not.toBe('After hours'); // Wednesday 12:00 Berlin
    expect((await decide({ at: '2026-12-25T10:00:00Z' })).rule?.name).toBe('After hours'); // Christmas
    expect((await decide({ at: '2026-06-03T10:00:00Z', businessHours: false })).rule?.name).toBe('After hours'); // the platform's word wins
    expect((await t.api('DELETE', `/v1/rules/${rule.body.rule.id}`)).status).toBe(204);
  });

  it('inside business hours: open, no next opening, a default handoff message when the platform sent none', async () => {
    clock = Date.parse('2026-06-03T10:00:00Z'); // Wednesday 12:00 in Berlin
    await settings({ noAgentTimeout: { minutes: null } });
    const { id, accepted } = await handOff();
    expect(accepted).toMatchObject({ withinBusinessHours: true, nextOpenAt: null, offlineMessage: null, handoffMessageSource: 'default', estimatedWaitSeconds: null });
    expect(accepted.handoffMessage).toContain('connecting you');
    // Kept on the session for readers without webhooks (the MCP server's get_handoff_status).
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session).toMatchObject({ handoffMessage: null, acceptedMessage: accepted.handoffMessage });
  });

  it("outside business hours on a holiday: still handed off, with the next opening in the customer's language", async () => {
    clock = Date.parse('2026-12-25T10:00:00Z');
    const { accepted, ticketId } = await handOff({ endUser: { id: 'u-de', name: 'Jana', locale: 'de-DE' } });
    expect(z.ticket(ticketId)).toBeDefined();
    expect(accepted.withinBusinessHours).toBe(false);
    expect(accepted.nextOpenAt).toBe('2026-12-28T08:00:00.000Z'); // Monday 09:00 CET, after Christmas and the weekend
    expect(accepted.offlineMessage).toContain('Montag');
    expect(accepted.handoffMessage).toContain('Montag');
    // The platform's own words win.
    const own = await handOff({ handoffMessage: 'Hang on!' });
    expect(own.accepted).toMatchObject({ handoffMessage: 'Hang on!', handoffMessageSource: 'provided' });
  });

  it('the no-agent timeout survives a restart and fires once: priority raised, tag and note on the ticket', async () => {
    clock = FUTURE_WEDNESDAY;
    await settings({ noAgentTimeout: { minutes: 30, action: 'raise_priority', priority: 'urgent' } });
    // The ticket's priority starts below urgent.
    const { id, ticketId } = await handOff({ priority: 'normal' });
    // Stored with the session, not in the relay's memory: a restart keeps it; then time passes.
    expect(await pendingTimers(id)).toEqual(['timer.no_agent']);
    await t.restart();
    expect(await pendingTimers(id)).toEqual(['timer.no_agent']);
    await advanceTimers();
    const fired = await waitFor('session.no_agent_timeout', () => events(id, 'session.no_agent_timeout')[0]);
    expect(fired.data).toMatchObject({ action: 'raise_priority', minutes: 30, businessHours: true, message: null });
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.waiting).toMatchObject({ withinBusinessHours: true, noAgentDueAt: null, noAgentFiredAt: expect.any(String) });
    await waitFor('the ticket marked', () => z.ticket(ticketId)?.priority === 'urgent');
    await quiet();
    expect(z.ticket(ticketId)!.tags).toContain('baton_no_agent');
    expect(z.ticket(ticketId)!.comments.filter((c) => /No agent has replied/.test(String(c.html_body ?? c.body)))).toHaveLength(1);
    expect(events(id, 'session.no_agent_timeout')).toHaveLength(1);
    expect(await pendingTimers(id)).toEqual([]);
  });

  it('keep waiting tells the customer in their language; return to AI hands the conversation back', async () => {
    clock = FUTURE_WEDNESDAY;
    await settings({ noAgentTimeout: { minutes: 30, action: 'keep_waiting' } });
    const waiting = await handOff({ endUser: { id: 'u-fr', name: 'Anne', locale: 'fr' } });
    await settings({ noAgentTimeout: { minutes: 30, action: 'return_to_ai' } });
    await setReturnToAiTicketStatus(t.relay.db, t.tenantId, 'pending');
    const returning = await handOff();
    await advanceTimers();
    const kept = await waitFor('keep waiting', () => events(waiting.id, 'session.no_agent_timeout')[0]);
    // The session was created under keep_waiting: the later change applies to later sessions only.
    expect(kept.data.action).toBe('keep_waiting');
    expect(kept.data.message).toContain('patience');
    const back = await waitFor('session.returned', () => events(returning.id, 'session.returned')[0]);
    expect(back.data.cause).toBe('no_agent_timeout');
    await quiet();
    const returnedTicket = z.ticket(returning.ticketId)!;
    expect(returnedTicket.comments.some((c) => /Returned to the AI/.test(String(c.html_body ?? c.body)))).toBe(true);
    // The tenant's Return-to-AI status applies, as when an agent returns the conversation (this tenant: pending).
    expect(returnedTicket.status).toBe('pending');
    expect(returnedTicket.tags).toContain('baton_no_agent');
    expect((await t.api('GET', `/v1/sessions/${waiting.id}`)).body.session.state).toBe('waiting');
    // Back in the queue with nobody having answered (a follow-up ticket, a reopen): a new wait, a new timer.
    await t.relay.db.transaction((tx) => applySessionEvent(tx, returning.id, { type: 'requeued' }, { cause: 'followup_ticket', strict: false }));
    expect(await pendingTimers(returning.id)).toEqual(['timer.no_agent']);
  });

  it('an agent reply disarms the no-agent timer; the agent-silent nudge comes once per silence', async () => {
    clock = FUTURE_WEDNESDAY;
    await settings({ noAgentTimeout: { minutes: 30, action: 'raise_priority' }, agentSilent: { minutes: 10 } });
    const { id, ticketId } = await handOff();
    await z.agentReply(ticketId, { body: 'Hi, looking into it.', public: true, agentName: 'Sam' });
    await waitFor('human', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'human');
    expect(await pendingTimers(id)).toEqual([]);
    const say = (n: number) => t.api('POST', `/v1/sessions/${id}/messages`, { id: `c${n}`, role: 'user', text: `Still there? ${n}`, createdAt: new Date().toISOString() });
    expect((await say(1)).status).toBe(202);
    expect((await say(2)).status).toBe(202);
    expect(await pendingTimers(id)).toEqual(['timer.agent_silent']);
    await advanceTimers();
    await waitFor('session.agent_silent', () => events(id, 'session.agent_silent')[0]);
    await say(3);
    await quiet();
    // The silence goes on: no second nudge, no new timer.
    expect(await pendingTimers(id)).toEqual([]);
    expect(events(id, 'session.agent_silent')).toHaveLength(1);
    expect(z.ticket(ticketId)!.tags).toContain('baton_agent_silent');
    expect(events(id, 'session.no_agent_timeout')).toHaveLength(0);
    // An agent answers: the next customer line starts a new silence.
    await z.agentReply(ticketId, { body: 'Yes, one moment.', public: true, agentName: 'Sam' });
    await waitFor('the reply relayed', () => events(id, 'message.created').length >= 2);
    await say(4);
    expect(await pendingTimers(id)).toEqual(['timer.agent_silent']);
  });

  it('a no-agent timer due after an answer whose webhooks were lost reads the ticket first and stands down', async () => {
    clock = FUTURE_WEDNESDAY;
    await settings({ noAgentTimeout: { minutes: 30, action: 'return_to_ai' }, agentSilent: { minutes: null } });
    const { id, ticketId } = await handOff();
    const sent = z.webhookDeliveries().length;
    // Every webhook of the agent's answer is lost: the relay has not heard of it when the timer comes due.
    z.faults.loseWebhooks(1_000);
    try {
      await z.agentReply(ticketId, { body: 'Hi, I am on it.', public: true, agentName: 'Sam' });
      await z.settleWebhooks();
    } finally {
      z.faults.reset();
    }
    expect(z.webhookDeliveries().slice(sent).map((w) => w.status)).toEqual(expect.arrayContaining(['dropped']));
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('waiting');
    await advanceTimers();
    await waitFor('the answer found by the timer', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'human');
    await waitFor('the timer done', async () => (await pendingTimers(id)).length === 0);
    await quiet();
    expect(events(id, 'message.created').map((e) => (e.data.message as { text: string }).text)).toEqual(['Hi, I am on it.']);
    expect(events(id, 'session.no_agent_timeout')).toHaveLength(0);
    expect(events(id, 'session.returned')).toHaveLength(0);
    expect(z.ticket(ticketId)!.tags).not.toContain('baton_no_agent');
  });

  it('customer lines committed together arm one agent-silent timer per silent session, none where the silence is counting', async () => {
    clock = FUTURE_WEDNESDAY;
    await settings({ noAgentTimeout: { minutes: 30 }, agentSilent: { minutes: 10 } });
    const owned = await Promise.all([handOff(), handOff(), handOff(), handOff()]);
    for (const { id, ticketId } of owned) {
      await z.agentReply(ticketId, { body: 'Hello, Sam here.', public: true, agentName: 'Sam' });
      await waitFor('human', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'human');
    }
    const line = (id: string, n: number) => t.api('POST', `/v1/sessions/${id}/messages`, { id: `together-${n}`, role: 'user', text: `Anyone? ${n}`, createdAt: new Date().toISOString() });
    const counting = owned[0]!.id;
    expect((await line(counting, 0)).status).toBe(202);
    const dueOf = async (id: string) => (await t.relay.db.query<{ due: Date | null }>('SELECT agent_silent_due_at AS due FROM session_waiting WHERE session_id = $1', [id])).rows[0]!.due;
    const countingDue = await dueOf(counting);
    expect(countingDue).toBeInstanceOf(Date);
    // Over HTTP at once (the group commit takes them in whatever batches form) ...
    const answers = await Promise.all([...owned.slice(0, 2), ...owned.slice(0, 2)].map(({ id }, n) => line(id, n + 1)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    // ... and as one batch for certain: the batch's step on its own, in one transaction, for all four sessions.
    const rows = await Promise.all(owned.map(({ id }) => findSession(t.relay.db, id)));
    await t.relay.db.transaction((tx) => customerWrote(tx, rows.map((r) => r!), new Date(clock)));
    for (const { id } of owned) expect(await pendingTimers(id)).toEqual(['timer.agent_silent']);
    // The silence that was counting keeps its first due time.
    expect((await dueOf(counting))!.getTime()).toBe(countingDue!.getTime());
  });
});

const pgSuite = POSTGRES_URL ? describe : describe.skip;

pgSuite('waiting timers with two relays on one PostgreSQL', () => {
  let z: ZendeskEmulator;
  let a: TestRelay;
  let b: Relay;
  const clock = FUTURE_WEDNESDAY;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    a = await startTestRelay('postgres', { env: { RECONCILE_INTERVAL_MS: '600000' }, overrides: { now: () => new Date(clock) } });
    await connectZendesk(a.relay.db, a.relay.masterKey, a.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(a.relay.db, a.relay.masterKey, a.tenantId, a.url);
    const { rows } = await a.relay.db.query<{ db: string }>('SELECT current_database() AS db');
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/${rows[0]!.db}`;
    b = await startRelay(
      loadConfig({ PORT: '0', DATA_DIR: '/tmp/unused-waiting-b', MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), RECONCILE_INTERVAL_MS: '600000' }),
      { log: pino({ level: 'silent' }), worker: { pollIntervalMs: 10, retryPolicy: fastRetry }, now: () => new Date(clock) },
    );
    await saveWaitingSettings(a.relay.db, a.agentId, applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { noAgentTimeout: { minutes: 30, action: 'raise_priority' }, agentSilent: { minutes: 5 } }));
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await z?.stop();
  });

  it('each no-agent timeout fires exactly once while both relays compete for it', async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, async () => (await a.api('POST', '/v1/handoffs', handoffBody({ priority: 'normal' }), { 'idempotency-key': randomUUID() })).body.session.id as string),
    );
    await waitFor('all accepted', () => ids.every((id) => a.receiver.unique().some((e) => e.type === 'handoff.accepted' && e.data.sessionId === id)), 30_000);
    await a.relay.db.query(`UPDATE deliveries SET next_attempt_at = now() WHERE channel = 'timer' AND status = 'pending'`);
    await waitFor('all fired', () => ids.every((id) => a.receiver.unique().some((e) => e.type === 'session.no_agent_timeout' && e.data.sessionId === id)), 30_000);
    await waitFor('all marked', () => z.tickets().filter((tk) => tk.priority === 'high').length === 8, 30_000);
    await waitFor('drained', async () => (await a.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`)).rows[0]!.n === 0, 30_000);
    for (const id of ids) expect(a.receiver.unique().filter((e) => e.type === 'session.no_agent_timeout' && e.data.sessionId === id)).toHaveLength(1);
    for (const tk of z.tickets()) expect(tk.comments.filter((c) => /No agent has replied/.test(String(c.html_body ?? c.body)))).toHaveLength(1);
  });

  it('each agent-silent nudge fires exactly once while both relays compete for it', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const id = (await a.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() })).body.session.id as string;
        const accepted = await waitFor('accepted', () => a.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id), 30_000);
        return { id, ticketId: Number(accepted.data.ticketId) };
      }),
    );
    for (const s of sessions) {
      await z.agentReply(s.ticketId, { body: 'Hello, Sam here.', public: true, agentName: 'Sam' });
      await waitFor('human', async () => (await a.api('GET', `/v1/sessions/${s.id}`)).body.session.state === 'human', 30_000);
      // Through either relay.
      const res = await fetch(`${sessions.indexOf(s) % 2 ? a.url : b.url}/v1/sessions/${s.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'wait-1', role: 'user', text: 'Are you there?', createdAt: new Date().toISOString() }),
      });
      expect(res.status).toBe(202);
    }
    await a.relay.db.query(`UPDATE deliveries SET next_attempt_at = now() WHERE channel = 'timer' AND status = 'pending'`);
    await waitFor('all nudged', () => sessions.every((s) => a.receiver.unique().some((e) => e.type === 'session.agent_silent' && e.data.sessionId === s.id)), 30_000);
    await waitFor('drained', async () => (await a.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`)).rows[0]!.n === 0, 30_000);
    for (const s of sessions) {
      expect(a.receiver.unique().filter((e) => e.type === 'session.agent_silent' && e.data.sessionId === s.id)).toHaveLength(1);
      expect(z.ticket(s.ticketId)!.comments.filter((c) => /The customer is waiting/.test(String(c.html_body ?? c.body)))).toHaveLength(1);
    }
  });
});
