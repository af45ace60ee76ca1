import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { metricValue } from '../metrics/metric-value.js';
import { handoffBody, waitFor } from './harness.js';
import { startZendeskWorld, useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('zendesk-events.test.ts');

/**
 * Agent replies relayed from Zendesk's comment_added events (issue #16), over real sockets against the
 * emulator: the event carries the comment, so the relay answers without reading the ticket back; the
 * trigger webhook and the comment cursor stay the safety net for events that repeat, get lost or come late.
 */
describe.each(BACKENDS)('Zendesk event webhooks on %s', (backend) => {
  const w = useZendeskWorld(backend);
  beforeAll(() => {
    expect(w.provisioned.eventsSigningSecret).toBeTruthy();
  });

  const replies = (conversationId: string) =>
    w
      .events(conversationId)
      .filter((e) => e.type === 'message.created')
      .map((e) => ({ sessionId: e.data.sessionId as string, text: (e.data.message as { text: string }).text, role: (e.data.message as { role: string }).role }));
  const reads = () => w.z.requestCount({ method: 'GET', pathPrefix: '/api/v2/tickets' });
  const handOff = (body = handoffBody()) => w.handOff(body, { settle: true });

  it('relays an agent reply from its event without reading the ticket back', async () => {
    const { id, ticketId, conversationId } = await handOff();
    const before = reads();
    await w.z.agentReply(ticketId, { body: 'Hi, I can help with that.', public: true, agentName: 'Sam Support' });
    await waitFor('the reply', () => replies(conversationId).length === 1);
    await w.quiet();
    expect(replies(conversationId)).toEqual([{ sessionId: id, text: 'Hi, I can help with that.', role: 'agent' }]);
    expect(reads() - before).toBe(0);
    expect((await w.session(id)).state).toBe('human');
  });

  it('relays an event Zendesk sends twice once', async () => {
    const { ticketId, conversationId } = await handOff();
    await w.z.settleWebhooks();
    // The comment_added event is the first request of the change: it is the one sent twice.
    w.z.faults.duplicateWebhooks(1);
    await w.z.agentReply(ticketId, { body: 'Only once, please.', public: true });
    await w.quiet();
    expect(replies(conversationId).map((r) => r.text)).toEqual(['Only once, please.']);
  });

  it('finds a reply whose event was lost, and relays a later event-borne reply once', async () => {
    const { id, ticketId, conversationId } = await handOff();
    await w.z.settleWebhooks();
    w.z.faults.loseWebhooks(1); // the comment_added event of the first reply
    await w.z.agentReply(ticketId, { body: 'First, event lost.', public: true });
    await w.z.agentReply(ticketId, { body: 'Second, event delivered.', public: true });
    // The second comment's event relays it at once; the first trigger's check finds its comment missing
    // after the grace period and reads the ticket, which relays the first and not the second again.
    await waitFor('both replies', () => replies(conversationId).length >= 2, 30_000);
    await w.quiet();
    const texts = replies(conversationId).map((r) => r.text);
    expect(texts.sort()).toEqual(['First, event lost.', 'Second, event delivered.']);
    expect(replies(conversationId).every((r) => r.sessionId === id)).toBe(true);
  });

  it('holds the agent-reply trigger that overtook its event until the event relays the reply, instead of queueing a catch-up', async () => {
    const { ticketId, conversationId } = await handOff();
    await w.z.settleWebhooks();
    const catchUps = async () =>
      (await w.t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE kind = 'zendesk.sync'`)).rows[0]!.n;
    const waitingTriggers = async () =>
      metricValue(await (await fetch(`${w.t.url}/metrics`)).text(), 'baton_zendesk_triggers_awaiting_event');
    const [catchUpsBefore, readsBefore] = [await catchUps(), reads()];
    // The comment_added event is the change's first request: held, so the trigger arrives first (as it often does).
    w.z.faults.holdWebhooks(1);
    await w.z.agentReply(ticketId, { body: 'The trigger came first.', public: true });
    await waitFor('the trigger to wait for its event', async () => (await waitingTriggers()) === 1);
    await w.z.faults.releaseHeldWebhooks();
    await waitFor('the reply', () => replies(conversationId).length === 1);
    await w.quiet();
    expect(replies(conversationId).map((r) => r.text)).toEqual(['The trigger came first.']);
    expect(await catchUps()).toBe(catchUpsBefore);
    expect(reads() - readsBefore).toBe(0);
    expect(await waitingTriggers()).toBe(0);
  });

  it('answers a trigger whose comment was relayed before, but not by an event this relay heard, from the database', async () => {
    const { ticketId, conversationId } = await handOff();
    await w.z.settleWebhooks();
    // The event is lost: the trigger waits for it, then a catch-up reads the ticket and relays the reply.
    w.z.faults.loseWebhooks(1);
    await w.z.agentReply(ticketId, { body: 'Relayed by the catch-up.', public: true });
    await waitFor('the reply', () => replies(conversationId).length === 1, 30_000);
    await w.quiet();
    const catchUps = async () =>
      (await w.t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE kind = 'zendesk.sync'`)).rows[0]!.n;
    const before = await catchUps();
    // Zendesk sends the trigger again (a new invocation, as after a timeout): what this relay knows in memory does
    // not cover the comment, the database does.
    const trigger = w.z.webhookDeliveries().filter((d) => d.body.includes('"agent_reply"')).at(-1)!;
    const again = await fetch(trigger.url, { method: 'POST', headers: { ...trigger.headers, 'x-zendesk-webhook-invocation-id': randomUUID() }, body: trigger.body });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'relayed' });
    await w.quiet();
    expect(await catchUps()).toBe(before);
    expect(replies(conversationId).map((r) => r.text)).toEqual(['Relayed by the catch-up.']);
  });

  it('relays a burst of replies on many tickets once each and in order, and an event repeated within the burst once', async () => {
    const sessions = await Promise.all(Array.from({ length: 6 }, () => handOff()));
    await w.z.settleWebhooks();
    // The first reply's event is lost on its way, to be sent three times at once amid the other replies' events:
    // events that arrive together commit together, and the repeats must come out as duplicates of one another.
    w.z.faults.loseWebhooks(1);
    await w.z.agentReply(sessions[0]!.ticketId, { body: 'reply 0', public: true });
    const lost = w.z.webhookDeliveries().filter((d) => d.status === 'dropped').at(-1)!;
    expect(lost.body).toContain('zen:event-type:ticket.comment_added');
    const [answers] = await Promise.all([
      Promise.all([1, 2, 3].map(async () => {
        const res = await fetch(lost.url, { method: 'POST', headers: lost.headers, body: lost.body });
        return { status: res.status, outcome: ((await res.json()) as { status: string }).status };
      })),
      ...sessions.slice(1).map((s, i) => w.z.agentReply(s.ticketId, { body: `reply ${i + 1}`, public: true })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.outcome).sort()).toEqual(['duplicate', 'duplicate', 'relayed']);
    await w.quiet();
    for (const [i, s] of sessions.entries()) {
      const seen = w
        .events(s.conversationId)
        .filter((e) => e.type === 'session.state_changed' || e.type === 'message.created')
        .map((e) => (e.type === 'message.created' ? `message ${(e.data.message as { text: string }).text}` : `state ${e.data.from as string} → ${e.data.to as string}`));
      expect(seen).toEqual(['state pending → waiting', 'state waiting → human', `message reply ${i}`]);
      expect((await w.session(s.id)).state).toBe('human');
    }
  });

  it('keeps internal notes in Zendesk and never relays the customer\'s own lines back', async () => {
    const { id, ticketId, conversationId } = await handOff();
    await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: 'c1', role: 'user', text: 'customer line', createdAt: new Date().toISOString() });
    await waitFor('the customer line on the ticket', () => w.z.ticket(ticketId)!.comments.some((c) => c.public && c.body.includes('customer line')));
    await w.z.agentReply(ticketId, { body: 'Internal: check the refund policy.', public: false });
    await w.z.agentReply(ticketId, { body: 'Public answer.', public: true });
    await waitFor('the public reply', () => replies(conversationId).length >= 1);
    await w.quiet();
    // The customer's comment (authored by the requester) and the internal note both came as events.
    expect(replies(conversationId).map((r) => r.text)).toEqual(['Public answer.']);
  });

  it('never relays a late event of an earlier handoff to the handoff that reused the ticket', async () => {
    const body = handoffBody();
    const first = await handOff(body);
    await w.z.settleWebhooks();
    // The reply's event is held back until the conversation was escalated again on the same ticket: by then
    // the ticket belongs to the second handoff, and the catch-ups of the solve have read the reply already.
    w.z.faults.holdWebhooks(1);
    await w.z.agentReply(first.ticketId, { body: 'Answer to the first handoff.', public: true });
    await w.returnToAi(first.id, {});
    await waitFor('ticket solved', () => w.z.ticket(first.ticketId)!.status === 'solved');
    const res = await w.t.api('POST', '/v1/handoffs', { ...body, reason: { code: 'ai_unable', text: 'Again' } }, { 'idempotency-key': randomUUID() });
    const secondId = res.body.session.id as string;
    await waitFor('the ticket reused', async () => (await w.session(secondId)).ticket?.id === String(first.ticketId));
    await waitFor('the second handoff accepted', () => w.t.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === secondId));
    expect(w.z.faults.heldWebhookCount).toBe(1);
    await w.z.faults.releaseHeldWebhooks();
    await w.quiet();
    expect(replies(body.conversationId)).toEqual([{ sessionId: first.id, text: 'Answer to the first handoff.', role: 'agent' }]);
    expect((await w.session(secondId)).state).toBe('waiting');
  });

  it('relays from the trigger alone where the account refuses event subscriptions', async () => {
    const w2 = await startZendeskWorld(backend, { eventSubscriptions: false });
    try {
      expect(w2.provisioned.eventsSigningSecret).toBeNull();
      const { z: z2, t: t2 } = w2;
      const res = await t2.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
      const id = res.body.session.id as string;
      const ticket = await waitFor('ticket', () => z2.tickets().find((x) => x.external_id === `baton:${id}`));
      await waitFor('ticket recorded', async () => (await t2.api('GET', `/v1/sessions/${id}`)).body.session.ticket?.id);
      await z2.agentReply(ticket.id, { body: 'Read back as before.', public: true });
      const reply = await waitFor('the reply', () => t2.receiver.unique().find((e) => e.type === 'message.created' && e.data.sessionId === id));
      expect((reply.data.message as { text: string }).text).toBe('Read back as before.');
    } finally {
      await w2.stop();
    }
    // A second world of its own (relay, emulator, provisioning): ~25 s to start on a box at load average 16.
  }, 120_000);
});
