import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk, rotateAppSecret } from '../relay/admin.js';
import { setReturnToAiTicketStatus } from '../store/tenants.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('conversation-continuity.test.ts');

/**
 * One conversation, many handoffs (issue #10), over real sockets against the Zendesk emulator: a
 * second escalation never replays the first one's replies, a ticket closed under an open session
 * loses nothing, an uncertain write is never doubled, and Return to AI acts on the ticket.
 */
describe.each(BACKENDS)('one conversation, many handoffs, on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  let appSecret = '';
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
      baseUrl: z.baseUrl,
      credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' },
    });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const events = (conversationId: string) => t.receiver.unique().filter((e) => e.data.conversationId === conversationId);
  const session = async (id: string) => (await t.api('GET', `/v1/sessions/${id}`)).body.session;
  /** Every effect the relay owes has happened: no delivery is pending and Zendesk's webhooks were delivered. */
  const quiet = async () => {
    await waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`);
      return rows[0]!.n === 0;
    }, 20_000);
  };
  const handOff = async (body: ReturnType<typeof handoffBody>) => {
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;
    await waitFor('handoff.accepted', () => events(body.conversationId).find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id));
    return { id, ticketId: Number((await session(id)).ticket.id) };
  };
  const returnToAi = async (sessionId: string, body: Record<string, unknown>) => {
    const token = await new SignJWT({ tenant: t.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setAudience(t.url)
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(appSecret));
    const res = await fetch(`${t.url}/app/v1/sessions/${sessionId}/return-to-ai`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };

  it('never replays an earlier reply when the conversation is escalated again, and starts the new session waiting', async () => {
    const body = handoffBody();
    const first = await handOff(body);
    await z.agentReply(first.ticketId, { body: 'Hi Dana, I am looking into it.', public: true, agentName: 'Sam Support' });
    await waitFor('the reply', () => events(body.conversationId).find((e) => e.type === 'message.created'));
    await returnToAi(first.id, { note: 'Refund issued', agentName: 'Sam Support' });
    await quiet();

    const second = await handOff({ ...body, reason: { code: 'ai_unable', text: 'Asked again' } });
    expect(second.ticketId).toBe(first.ticketId); // the ticket is reused
    await quiet();
    const replies = events(body.conversationId).filter((e) => e.type === 'message.created');
    expect(replies.map((e) => (e.data.message as { text: string }).text)).toEqual(['Hi Dana, I am looking into it.']);
    const now = await session(second.id);
    expect(now).toMatchObject({ state: 'waiting', previousSessionId: first.id });

    await z.agentReply(first.ticketId, { body: 'Back again? Let me see.', public: true, agentName: 'Sam Support' });
    await waitFor('the new reply', () => events(body.conversationId).filter((e) => e.type === 'message.created').length === 2);
    await quiet();
    const all = events(body.conversationId).filter((e) => e.type === 'message.created');
    expect(all.map((e) => [e.data.sessionId, (e.data.message as { text: string }).text])).toEqual([
      [first.id, 'Hi Dana, I am looking into it.'],
      [second.id, 'Back again? Let me see.'],
    ]);
    expect((await session(second.id)).state).toBe('human');
    expect((await session(first.id)).state).toBe('returned'); // the old session never reopened under the new one
  });

  it('puts a note, a tag and the chosen status on the ticket when an agent returns it to the AI', async () => {
    const body = handoffBody();
    const { id, ticketId } = await handOff(body);
    await returnToAi(id, { note: 'Order <88213> & refund sorted', agentName: 'Sam Support' });
    await waitFor('ticket solved', () => z.ticket(ticketId)!.status === 'solved');
    const ticket = z.ticket(ticketId)!;
    expect(ticket.tags).toContain('baton_returned');
    const note = ticket.comments.at(-1)!;
    expect(note.public).toBe(false);
    expect(note.plain_body).toBe('Returned to the AI by Sam Support: Order <88213> & refund sorted');
    await quiet();
    expect((await session(id)).state).toBe('returned');

    await setReturnToAiTicketStatus(t.relay.db, t.tenantId, 'unchanged');
    try {
      const other = await handOff(handoffBody());
      await returnToAi(other.id, {});
      await waitFor('tagged', () => z.ticket(other.ticketId)!.tags.includes('baton_returned'));
      await quiet();
      expect(z.ticket(other.ticketId)!.status).toBe('open'); // left as it was (the note opened the new ticket, as in Zendesk)
      expect((await session(other.id)).state).toBe('returned'); // an open ticket is not a reopen
    } finally {
      await setReturnToAiTicketStatus(t.relay.db, t.tenantId, 'solved');
    }
  });

  it('puts a message accepted for a ticket closed under an open session on a follow-up ticket, once', async () => {
    const body = handoffBody();
    const { id, ticketId } = await handOff(body);
    await z.setStatus(ticketId, 'closed'); // an agent or an automation closes it; no trigger tells the relay
    const text = 'Hello?\nStill there & waiting <for> "an answer"';
    const res = await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after-close', role: 'user', text, createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    const followUp = await waitFor('a follow-up ticket', () => z.tickets().find((x) => x.via_followup_source_id === ticketId));
    await quiet();
    const carrying = z.tickets().filter((x) => x.comments.some((c) => c.public && c.body === text));
    expect(carrying.map((x) => x.id)).toEqual([followUp.id]);
    const link = z.ticket(followUp.id)!.comments[0]!;
    expect(link.public).toBe(false);
    expect(link.plain_body).toContain(`Follow-up of #${ticketId}`);
    expect(z.ticket(followUp.id)!.requester_id).toBe(z.ticket(ticketId)!.requester_id);
    const now = await session(id);
    expect(now.ticket.id).toBe(String(followUp.id)); // the session follows the ticket

    await z.agentReply(followUp.id, { body: 'Picking this up on the new ticket.', public: true });
    await waitFor('the reply from the follow-up', () => events(body.conversationId).find((e) => e.type === 'message.created'));
    expect((await session(id)).state).toBe('human');
  });

  it('returns the session to the AI, with its own cause, when Zendesk says the ticket was closed', async () => {
    const body = handoffBody();
    const { id, ticketId } = await handOff(body);
    await z.setStatus(ticketId, 'closed');
    await t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL, zendesk_reconcile_cursor = NULL`);
    await t.relay.reconciler!.tick();
    const returned = await waitFor('session.returned', () => events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data.cause).toBe('ticket_closed');
    expect((await session(id)).state).toBe('returned');
  });

  it('writes a coalesced, multi-line, HTML-special comment once when Zendesk commits it but the answer is lost', async () => {
    const { id, ticketId } = await handOff(handoffBody());
    const lines = ['Line one & two', 'Tom said "<b>no</b>"', 'Zürich → 東京 ✓', 'last\nwith a break'];
    // Zendesk commits each of the next two comment writes, but the relay never hears back.
    z.faults.dropConnections(2, `/api/v2/tickets/${ticketId}`, true);
    for (const [n, text] of lines.entries()) {
      const res = await t.api('POST', `/v1/sessions/${id}/messages`, { id: `u${n}`, role: 'user', text, createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
    }
    await quiet();
    const written = z.ticket(ticketId)!.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n'));
    expect(written).toEqual(lines);
  });
});
