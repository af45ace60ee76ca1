import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../cli/commands.js';
import { applySessionEvent } from '../relay/session-events.js';
import { listDeliveries } from '../store/deliveries.js';
import { metricValue } from '../metrics/metric-value.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('outbox.test.ts');

describe.each(BACKENDS)('outbox and webhooks on %s', (backend) => {
  let t: TestRelay;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk });
  });
  afterAll(() => t?.stop());
  beforeEach(() => {
    t.receiver.failNext(0);
    desk.failNext(0);
  });

  const start = async () => {
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': `k-${Math.random()}` });
    expect(res.status).toBe(201);
    return res.body.session.id as string;
  };
  const eventsOf = (sessionId: string) => t.receiver.unique().filter((r) => r.data.sessionId === sessionId);

  it('creates one ticket with the transcript and sends a signed handoff.accepted', async () => {
    const id = await start();
    const accepted = await waitFor('handoff.accepted', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));
    expect(accepted.verified).toBe(true);
    expect(accepted.headers['webhook-id']).toMatch(/^msg_/);
    const ticket = desk.ticketOf(id)!;
    expect(ticket.transcriptIds).toEqual(['m1', 'm2', 'm3']);
    expect(accepted.data.ticketId).toBe(ticket.id);
    const session = (await t.api('GET', `/v1/sessions/${id}`)).body.session;
    expect(session).toMatchObject({ state: 'waiting', version: 2, ticket: { id: ticket.id } });
  });

  it('puts end-user messages on the ticket in the order they were accepted, each once', async () => {
    const id = await start();
    for (let i = 1; i <= 20; i++) {
      const res = await t.api('POST', `/v1/sessions/${id}/messages`, { id: `u${i}`, role: 'user', text: `message ${i}`, createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
    }
    const lines = () => desk.ticketOf(id)?.comments.flatMap((c) => c.text.split('\n\n')) ?? [];
    await waitFor('20 lines', () => lines().length >= 20);
    expect(lines()).toEqual(Array.from({ length: 20 }, (_, i) => `message ${i + 1}`));
  });

  it('keeps order and loses nothing while the helpdesk fails for a stretch', async () => {
    const id = await start();
    await waitFor('ticket', () => desk.ticketOf(id));
    desk.failNext(3, 'transient', 429, 30);
    for (let i = 1; i <= 5; i++) {
      await t.api('POST', `/v1/sessions/${id}/messages`, { id: `r${i}`, role: 'user', text: `retry ${i}`, createdAt: new Date().toISOString() });
    }
    const lines = () => desk.ticketOf(id)?.comments.flatMap((c) => c.text.split('\n\n')) ?? [];
    await waitFor('5 lines', () => lines().length >= 5);
    expect(lines()).toEqual(['retry 1', 'retry 2', 'retry 3', 'retry 4', 'retry 5']);
    // The lines that queued up behind the failures went out together: fewer ticket updates than messages.
    expect(desk.ticketOf(id)!.comments.length).toBeLessThan(5);
  });

  it('retries webhooks the receiver refuses, with the same webhook-id', async () => {
    t.receiver.failNext(2, 503);
    const id = await start();
    const accepted = await waitFor('handoff.accepted', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));
    // The refused attempts carried the same webhook-id as the one that got through.
    const refusedForSession = t.receiver.refused.filter((wid) => eventsOf(id).some((e) => e.id === wid));
    expect(refusedForSession.length).toBeGreaterThanOrEqual(1);
    const retried = refusedForSession[0]!;
    const row = await waitFor('delivered', async () =>
      (await listDeliveries(t.relay.db, { sessionId: id, limit: 10 })).find((r) => r.id === retried && r.status === 'delivered'),
    );
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(t.receiver.received.filter((r) => r.id === retried && r.verified)).toHaveLength(1);
  });

  it('sends state changes in version order and session.returned with the human part', async () => {
    const id = await start();
    await waitFor('waiting', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));
    await t.relay.db.transaction((tx) => applySessionEvent(tx, id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: true }));
    await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after', role: 'user', text: 'thanks', createdAt: new Date().toISOString() });
    await t.relay.db.transaction((tx) => applySessionEvent(tx, id, { type: 'returned' }, { cause: 'ticket_solved', strict: true }));
    const returned = await waitFor('session.returned', () => eventsOf(id).find((e) => e.type === 'session.returned'));
    expect((returned.data.transcript as Array<{ id: string }>).map((m) => m.id)).toEqual(['after']);
    const versions = eventsOf(id).filter((e) => e.type === 'session.state_changed').map((e) => e.data.version);
    expect(versions).toEqual([2, 3, 4]);
    t.relay.worker?.wake();
  });

  it("sends a session's callbacks in order when the first is refused: the ones after it wait, and are not charged an attempt", async () => {
    const id = await start();
    await waitFor('handoff.accepted and waiting', () => eventsOf(id).filter((e) => e.type === 'handoff.accepted' || e.data.version === 2).length === 2);
    const before = t.receiver.received.length;
    t.receiver.failNext(1, 503);
    // Three callbacks committed together (the worker takes them as one run): state changes v3 and v4, then session.returned.
    await t.relay.db.transaction(async (tx) => {
      await applySessionEvent(tx, id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: true });
      await applySessionEvent(tx, id, { type: 'returned' }, { cause: 'ticket_solved', strict: true });
    });
    t.relay.worker?.wake();
    await waitFor('session.returned', () => eventsOf(id).find((e) => e.type === 'session.returned'));
    const arrivals = t.receiver.received.slice(before).filter((r) => r.data.sessionId === id);
    expect(arrivals.map((r) => `${r.type}${r.data.version === undefined ? '' : ` v${String(r.data.version)}`}`)).toEqual([
      'session.state_changed v3',
      'session.state_changed v4',
      'session.returned v4',
    ]);
    // The refused one was the first of the run; nothing after it went out before it got through.
    expect(t.receiver.refused.at(-1)).toBe(arrivals[0]!.id);
    const rows = await listDeliveries(t.relay.db, { sessionId: id, limit: 20 });
    const attemptsOf = (type: string, version?: number) =>
      rows.find((r) => r.payload.type === type && (version === undefined || (r.payload.data as { version?: number }).version === version))?.attempts;
    expect([attemptsOf('session.state_changed', 3), attemptsOf('session.state_changed', 4), attemptsOf('session.returned', 4)]).toEqual([2, 1, 1]);
  });

  it('dead-letters a ticket that cannot be created, fails the session, tells the platform, and replays from the CLI', async () => {
    desk.failNext(1, 'permanent', 422);
    const id = await start();
    const failed = await waitFor('handoff.failed', () => eventsOf(id).find((e) => e.type === 'handoff.failed'));
    expect(failed.data.status).toBe(422);
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('failed');
    const lines: string[] = [];
    const ctx = { db: t.relay.db, masterKey: t.relay.masterKey, publicBaseUrl: t.url, print: (l: string) => lines.push(l) };
    expect(await runCommand(ctx, ['deliveries:dead'])).toBe(0);
    expect(lines.join('\n')).toContain(id);
    const dead = (await listDeliveries(t.relay.db, { status: 'dead', sessionId: id, limit: 5 }))[0]!;
    expect(await runCommand(ctx, ['deliveries:replay', '--id', dead.id])).toBe(0);
    expect(lines.at(-1)).toBe('Requeued 1 delivery');
    // The replayed create succeeds now; the session stays failed (a new handoff starts a new session).
    await waitFor('ticket after replay', () => desk.ticketOf(id));
  });

  it('exposes Prometheus metrics for handoffs, deliveries and the backlog', async () => {
    // Its own traffic, so that it passes alone too: a ticket creation that fails once, then a delivered callback.
    desk.failNext(1, 'transient', 503);
    const id = await start();
    await waitFor('handoff.accepted', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));
    // A delivery is counted once it is marked, just after the receiver has it.
    const scrape = () => fetch(`${t.url}/metrics`).then((r) => r.text());
    const text = await waitFor('the delivery counted', async () => {
      const page = await scrape();
      return /baton_deliveries_total\{channel="platform",outcome="delivered"\} [1-9]/.test(page) && page;
    });
    expect(text).toMatch(/baton_handoffs_total\{reason="customer_request"\} [1-9]/);
    expect(text).toMatch(/baton_deliveries_total\{channel="platform",outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/baton_deliveries_total\{channel="helpdesk",outcome="retry"\} [1-9]/);
    expect(text).toMatch(/baton_outbox_dead [0-9]/);
    expect(text).toMatch(/baton_outbox_oldest_pending_seconds /);
    expect(metricValue(text, 'baton_db_transactions_total')).toBeGreaterThan(0);
    expect(metricValue(text, 'baton_db_statements_total')).toBeGreaterThan(2 * metricValue(text, 'baton_db_transactions_total'));
    // Each scrape reads the outbox: the next page counts those statements too.
    const next = await scrape();
    expect(metricValue(next, 'baton_db_statements_total')).toBeGreaterThan(metricValue(text, 'baton_db_statements_total'));
  });
});
