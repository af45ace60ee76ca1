import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk, rotateAppSecret } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('zendesk-events.test.ts');

/**
 * Agent replies relayed from Zendesk's comment_added events (issue #16), over real sockets against the
 * emulator: the event carries the comment, so the relay answers without reading the ticket back; the
 * trigger webhook and the comment cursor stay the safety net for events that repeat, get lost or come late.
 */
describe.each(BACKENDS)('Zendesk event webhooks on %s', (backend) => {
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
    const provisioned = await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    expect(provisioned.eventsSigningSecret).toBeTruthy();
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const replies = (conversationId: string) =>
    t.receiver
      .unique()
      .filter((e) => e.data.conversationId === conversationId && e.type === 'message.created')
      .map((e) => ({ sessionId: e.data.sessionId as string, text: (e.data.message as { text: string }).text, role: (e.data.message as { role: string }).role }));
  const session = async (id: string) => (await t.api('GET', `/v1/sessions/${id}`)).body.session;
  /** Every effect the relay owes has happened: Zendesk's webhooks were delivered and nothing is pending. */
  const quiet = async () => {
    await waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`);
      return rows[0]!.n === 0;
    }, 30_000);
  };
  const reads = () => z.requestCount({ method: 'GET', pathPrefix: '/api/v2/tickets' });
  const handOff = async (body = handoffBody()) => {
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;
    await waitFor('handoff.accepted', () => t.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id));
    await quiet();
    return { id, ticketId: Number((await session(id)).ticket.id), conversationId: body.conversationId };
  };

  it('relays an agent reply from its event without reading the ticket back', async () => {
    const { id, ticketId, conversationId } = await handOff();
    const before = reads();
    await z.agentReply(ticketId, { body: 'Hi, I can help with that.', public: true, agentName: 'Sam Support' });
    await waitFor('the reply', () => replies(conversationId).length === 1);
    await quiet();
    expect(replies(conversationId)).toEqual([{ sessionId: id, text: 'Hi, I can help with that.', role: 'agent' }]);
    expect(reads() - before).toBe(0);
    expect((await session(id)).state).toBe('human');
  });

  it('relays an event Zendesk sends twice once', async () => {
    const { ticketId, conversationId } = await handOff();
    await z.settleWebhooks();
    // The comment_added event is the first request of the change: it is the one sent twice.
    z.faults.duplicateWebhooks(1);
    await z.agentReply(ticketId, { body: 'Only once, please.', public: true });
    await quiet();
    expect(replies(conversationId).map((r) => r.text)).toEqual(['Only once, please.']);
  });

  it('finds a reply whose event was lost, and relays a later event-borne reply once', async () => {
    const { id, ticketId, conversationId } = await handOff();
    await z.settleWebhooks();
    z.faults.loseWebhooks(1); // the comment_added event of the first reply
    await z.agentReply(ticketId, { body: 'First, event lost.', public: true });
    await z.agentReply(ticketId, { body: 'Second, event delivered.', public: true });
    // The second comment's event relays it at once; the first trigger's check finds its comment missing
    // after the grace period and reads the ticket, which relays the first and not the second again.
    await waitFor('both replies', () => replies(conversationId).length >= 2, 30_000);
    await quiet();
    const texts = replies(conversationId).map((r) => r.text);
    expect(texts.sort()).toEqual(['First, event lost.', 'Second, event delivered.']);
    expect(replies(conversationId).every((r) => r.sessionId === id)).toBe(true);
  });

  it('keeps internal notes in Zendesk and never relays the customer\'s own lines back', async () => {
    const { id, ticketId, conversationId } = await handOff();
    await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'c1', role: 'user', text: 'customer line', createdAt: new Date().toISOString() });
    await waitFor('the customer line on the ticket', () => z.ticket(ticketId)!.comments.some((c) => c.public && c.body.includes('customer line')));
    await z.agentReply(ticketId, { body: 'Internal: check the refund policy.', public: false });
    await z.agentReply(ticketId, { body: 'Public answer.', public: true });
    await waitFor('the public reply', () => replies(conversationId).length >= 1);
    await quiet();
    // The customer's comment (authored by the requester) and the internal note both came as events.
    expect(replies(conversationId).map((r) => r.text)).toEqual(['Public answer.']);
  });

  it('never relays a late event of an earlier handoff to the handoff that reused the ticket', async () => {
    const body = handoffBody();
    const first = await handOff(body);
    await z.settleWebhooks();
    // The reply's event is held back until the conversation was escalated again on the same ticket: by then
    // the ticket belongs to the second handoff, and the catch-ups of the solve have read the reply already.
    z.faults.holdWebhooks(1);
    await z.agentReply(first.ticketId, { body: 'Answer to the first handoff.', public: true });
    const token = await new SignJWT({ tenant: t.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setAudience(t.url)
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(appSecret));
    const returned = await fetch(`${t.url}/app/v1/sessions/${first.id}/return-to-ai`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(returned.status).toBe(200);
    await waitFor('ticket solved', () => z.ticket(first.ticketId)!.status === 'solved');
    const res = await t.api('POST', '/v1/handoffs', { ...body, reason: { code: 'ai_unable', text: 'Again' } }, { 'idempotency-key': randomUUID() });
    const secondId = res.body.session.id as string;
    await waitFor('the ticket reused', async () => (await session(secondId)).ticket?.id === String(first.ticketId));
    await waitFor('the second handoff accepted', () => t.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === secondId));
    expect(z.faults.heldWebhookCount).toBe(1);
    await z.faults.releaseHeldWebhooks();
    await quiet();
    expect(replies(body.conversationId)).toEqual([{ sessionId: first.id, text: 'Answer to the first handoff.', role: 'agent' }]);
    expect((await session(secondId)).state).toBe('waiting');
  });

  it('relays from the trigger alone where the account refuses event subscriptions', async () => {
    const z2 = await startZendeskEmulator({ accountRequestsPerMinute: 100_000, eventSubscriptions: false });
    const t2 = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' } });
    try {
      z2.addApiToken('admin@acme.test', 'dev-token');
      await connectZendesk(t2.relay.db, t2.relay.masterKey, t2.tenantId, { baseUrl: z2.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
      const provisioned = await provisionTenantZendesk(t2.relay.db, t2.relay.masterKey, t2.tenantId, t2.url);
      expect(provisioned.eventsSigningSecret).toBeNull();
      const res = await t2.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
      const id = res.body.session.id as string;
      const ticket = await waitFor('ticket', () => z2.tickets().find((x) => x.external_id === `baton:${id}`));
      await waitFor('ticket recorded', async () => (await t2.api('GET', `/v1/sessions/${id}`)).body.session.ticket?.id);
      await z2.agentReply(ticket.id, { body: 'Read back as before.', public: true });
      const reply = await waitFor('the reply', () => t2.receiver.unique().find((e) => e.type === 'message.created' && e.data.sessionId === id));
      expect((reply.data.message as { text: string }).text).toBe('Read back as before.');
    } finally {
      await t2.stop();
      await z2.stop();
    }
  });
});
