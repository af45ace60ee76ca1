import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setReturnToAiTicketStatus } from '../store/tenants.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('conversation-continuity.test.ts');

/**
 * One conversation, many handoffs (issue #10), over real sockets against the Zendesk emulator: a
 * second escalation never replays the first one's replies, a ticket closed under an open session
 * loses nothing, an uncertain write is never doubled, and Return to AI acts on the ticket.
 */
describe.each(BACKENDS)('one conversation, many handoffs, on %s', (backend) => {
  const w = useZendeskWorld(backend);

  it('never replays an earlier reply when the conversation is escalated again, and starts the new session waiting', async () => {
    const body = handoffBody();
    const first = await w.handOff(body);
    await w.z.agentReply(first.ticketId, { body: 'Hi Dana, I am looking into it.', public: true, agentName: 'Sam Support' });
    await waitFor('the reply', () => w.events(body.conversationId).find((e) => e.type === 'message.created'));
    await w.returnToAi(first.id, { note: 'Refund issued', agentName: 'Sam Support' });
    await w.quiet();

    const second = await w.handOff({ ...body, reason: { code: 'ai_unable', text: 'Asked again' } });
    expect(second.ticketId).toBe(first.ticketId); // the ticket is reused
    await w.quiet();
    const replies = w.events(body.conversationId).filter((e) => e.type === 'message.created');
    expect(replies.map((e) => (e.data.message as { text: string }).text)).toEqual(['Hi Dana, I am looking into it.']);
    const now = await w.session(second.id);
    expect(now).toMatchObject({ state: 'waiting', previousSessionId: first.id });

    await w.z.agentReply(first.ticketId, { body: 'Back again? Let me see.', public: true, agentName: 'Sam Support' });
    await waitFor('the new reply', () => w.events(body.conversationId).filter((e) => e.type === 'message.created').length === 2);
    await w.quiet();
    const all = w.events(body.conversationId).filter((e) => e.type === 'message.created');
    expect(all.map((e) => [e.data.sessionId, (e.data.message as { text: string }).text])).toEqual([
      [first.id, 'Hi Dana, I am looking into it.'],
      [second.id, 'Back again? Let me see.'],
    ]);
    expect((await w.session(second.id)).state).toBe('human');
    expect((await w.session(first.id)).state).toBe('returned'); // the old session never reopened under the new one
  });

  it('puts a note, a tag and the chosen status on the ticket when an agent returns it to the AI', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.returnToAi(id, { note: 'Order <88213> & refund sorted', agentName: 'Sam Support' });
    await waitFor('ticket solved', () => w.z.ticket(ticketId)!.status === 'solved');
    const ticket = w.z.ticket(ticketId)!;
    expect(ticket.tags).toContain('baton_returned');
    const note = ticket.comments.at(-1)!;
    expect(note.public).toBe(false);
    expect(note.plain_body).toBe('Returned to the AI by Sam Support: Order <88213> & refund sorted');
    await w.quiet();
    expect((await w.session(id)).state).toBe('returned');

    await setReturnToAiTicketStatus(w.t.relay.db, w.t.tenantId, 'unchanged');
    try {
      const other = await w.handOff(handoffBody());
      await w.returnToAi(other.id, {});
      await waitFor('tagged', () => w.z.ticket(other.ticketId)!.tags.includes('baton_returned'));
      await w.quiet();
      expect(w.z.ticket(other.ticketId)!.status).toBe('open'); // left as it was (the note opened the new ticket, as in Zendesk)
      expect((await w.session(other.id)).state).toBe('returned'); // an open ticket is not a reopen
    } finally {
      await setReturnToAiTicketStatus(w.t.relay.db, w.t.tenantId, 'solved');
    }
  });

  it("lets an earlier session's Return to AI land before the next handoff reopens the shared ticket", async () => {
    const body = handoffBody();
    const first = await w.handOff(body, { settle: true });
    // The "solved" of Return to AI is refused for now (Zendesk asks to come back much later): it is still on its
    // way when the conversation is escalated again — as after an uncertain write the relay must repeat.
    w.z.faults.failNext(1, { status: 429, retryAfterSeconds: 3600, method: 'PUT', pathPrefix: `/api/v2/tickets/${first.ticketId}` });
    await w.returnToAi(first.id, { note: 'Sorted', agentName: 'Sam Support' });
    const db = w.t.relay.db;
    const returnRow = await waitFor('the return to be refused', async () => {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM deliveries WHERE session_id = $1 AND kind = 'ticket.return_to_ai' AND status = 'pending' AND attempts > 0 AND locked_until IS NULL`,
        [first.id],
      );
      return rows[0];
    });

    const res = await w.t.api('POST', '/v1/handoffs', { ...body, reason: { code: 'ai_unable', text: 'Asked again' } }, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const second = res.body.session.id as string;
    // The new handoff's ticket work has had its turn (done, or waiting for the earlier session's write)...
    await waitFor('the second ticket.create to be tried', async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM deliveries WHERE session_id = $1 AND kind = 'ticket.create' AND locked_by IS NOT NULL AND locked_until IS NULL`,
        [second],
      );
      return rows.length > 0;
    });
    // ...and only then is the earlier session's "solved" retried.
    await db.query(`UPDATE deliveries SET next_attempt_at = now() WHERE id = $1`, [returnRow.id]);
    await w.quiet();

    expect(w.z.ticket(first.ticketId)!.status).toBe('open'); // reopened by the new handoff, after the return
    expect(await w.session(second)).toMatchObject({ state: 'waiting', ticket: { id: String(first.ticketId) } });
    expect((await w.session(first.id)).state).toBe('returned');
  });

  it('puts a message accepted for a ticket closed under an open session on a follow-up ticket, once', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.setStatus(ticketId, 'closed'); // an agent or an automation closes it; no trigger tells the relay
    const text = 'Hello?\nStill there & waiting <for> "an answer"';
    const res = await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after-close', role: 'user', text, createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    const followUp = await waitFor('a follow-up ticket', () => w.z.tickets().find((x) => x.via_followup_source_id === ticketId));
    await w.quiet();
    const carrying = w.z.tickets().filter((x) => x.comments.some((c) => c.public && c.body === text));
    expect(carrying.map((x) => x.id)).toEqual([followUp.id]);
    const link = w.z.ticket(followUp.id)!.comments[0]!;
    expect(link.public).toBe(false);
    expect(link.plain_body).toContain(`Follow-up of #${ticketId}`);
    expect(w.z.ticket(followUp.id)!.requester_id).toBe(w.z.ticket(ticketId)!.requester_id);
    const now = await w.session(id);
    expect(now.ticket.id).toBe(String(followUp.id)); // the session follows the ticket

    await w.z.agentReply(followUp.id, { body: 'Picking this up on the new ticket.', public: true });
    await waitFor('the reply from the follow-up', () => w.events(body.conversationId).find((e) => e.type === 'message.created'));
    expect((await w.session(id)).state).toBe('human');
  });

  it('returns the session to the AI, with its own cause, when Zendesk says the ticket was closed', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.setStatus(ticketId, 'closed');
    await w.t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL, zendesk_reconcile_cursor = NULL`);
    await w.t.relay.reconciler!.tick();
    const returned = await waitFor('session.returned', () => w.events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data.cause).toBe('ticket_closed');
    expect((await w.session(id)).state).toBe('returned');
  });

  it('writes a coalesced, multi-line, HTML-special comment once when Zendesk commits it but the answer is lost', async () => {
    const { id, ticketId } = await w.handOff(handoffBody());
    const lines = ['Line one & two', 'Tom said "<b>no</b>"', 'Zürich → 東京 ✓', 'last\nwith a break'];
    // Zendesk commits each of the next two comment writes, but the relay never hears back.
    w.z.faults.dropConnections(2, `/api/v2/tickets/${ticketId}`, true);
    for (const [n, text] of lines.entries()) {
      const res = await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: `u${n}`, role: 'user', text, createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
    }
    await w.quiet();
    const written = w.z.ticket(ticketId)!.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n'));
    expect(written).toEqual(lines);
  });
});
