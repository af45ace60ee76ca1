import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZendeskWebhook } from '../core/zendesk-signature.js';
import { connectZendesk, storeZendeskWebhookSecret, storeZendeskWebhookToken } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('zendesk-inbound.test.ts');

const SIGNING_SECRET = 'zendesk-signing-secret-for-tests';
const BEARER_TOKEN = 'zendesk-bearer-token-for-tests';

describe.each(BACKENDS)('Zendesk → relay → AI platform on %s', (backend) => {
  let t: TestRelay;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk, env: { RECONCILE_INTERVAL_MS: '1000' } });
    await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, SIGNING_SECRET);
    await storeZendeskWebhookToken(t.relay.db, t.tenantId, BEARER_TOKEN);
    // Marks the tenant as connected for the reconciler; the calls go to the recording helpdesk.
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: 'http://127.0.0.1:9', credentials: { type: 'api_token', email: 'a@b.co', token: 't' } });
  });
  afterAll(() => t?.stop());

  const zendeskWebhook = async (body: object, opts: { secret?: string; token?: string; timestamp?: string; invocationId?: string; query?: string } = {}) => {
    const raw = JSON.stringify(body);
    const timestamp = opts.timestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const res = await fetch(`${t.url}/zendesk/webhooks/${t.tenantId}${opts.query ?? ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${opts.token ?? BEARER_TOKEN}`,
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signZendeskWebhook(opts.secret ?? SIGNING_SECRET, timestamp, raw),
        'x-zendesk-webhook-invocation-id': opts.invocationId ?? randomUUID(),
      },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as { status?: string; error?: { code: string } } };
  };

  const startWithTicket = async () => {
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const ticket = await waitFor('ticket', () => desk.ticketOf(id));
    // The helpdesk made the ticket; wait until the relay has recorded it too (these webhooks carry no external_id).
    await waitFor('ticket recorded', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.ticket !== null);
    return { id, ticketId: ticket.id };
  };
  const eventsOf = (id: string) => t.receiver.unique().filter((e) => e.data.sessionId === id);

  it('relays an agent reply to the AI platform and gives the session to the human', async () => {
    const { id, ticketId } = await startWithTicket();
    desk.agentReply(ticketId, 'Internal: check the warehouse', { public: false });
    desk.agentReply(ticketId, 'Hi Jane, I am looking into order 88213 now.');
    // The reconciliation poll (every second in tests) may have queued the catch-up for these comments first.
    expect(['queued', 'already_queued']).toContain((await zendeskWebhook({ event: 'agent_reply', ticket_id: ticketId })).body.status);
    const created = await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created'));
    expect(created.verified).toBe(true);
    expect(created.data.message).toMatchObject({ role: 'agent', text: 'Hi Jane, I am looking into order 88213 now.', authorName: 'Alex Agent' });
    expect(eventsOf(id).filter((e) => e.type === 'message.created')).toHaveLength(1); // the internal note stays in Zendesk
    const session = (await t.api('GET', `/v1/sessions/${id}`)).body.session;
    expect(session.state).toBe('human');
  });

  it('returns the session to the AI when the ticket is solved, with the human part of the transcript', async () => {
    const { id, ticketId } = await startWithTicket();
    desk.agentReply(ticketId, 'Refund issued.', { status: 'solved' });
    await zendeskWebhook({ event: 'solved', ticket_id: ticketId });
    const returned = await waitFor('session.returned', () => eventsOf(id).find((e) => e.type === 'session.returned'));
    expect((returned.data.transcript as Array<{ text: string }>).map((m) => m.text)).toEqual(['Refund issued.']);
    const types = eventsOf(id).map((e) => e.type);
    expect(types.indexOf('message.created')).toBeLessThan(types.indexOf('session.returned'));
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('returned');
  });

  it('changes nothing on a replayed invocation, and relays nothing twice on a repeated webhook', async () => {
    const { id, ticketId } = await startWithTicket();
    desk.agentReply(ticketId, 'One reply only');
    const invocationId = randomUUID();
    expect((await zendeskWebhook({ ticket_id: ticketId }, { invocationId })).body.status).toBe('queued');
    expect((await zendeskWebhook({ ticket_id: ticketId }, { invocationId })).body.status).toBe('duplicate');
    await waitFor('reply', () => eventsOf(id).find((e) => e.type === 'message.created'));
    await zendeskWebhook({ ticket_id: ticketId }); // a new invocation for the same action
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsOf(id).filter((e) => e.type === 'message.created')).toHaveLength(1);
  });

  it('recovers a reply whose webhook Zendesk never sent, through the reconciliation poll', async () => {
    const { id, ticketId } = await startWithTicket();
    // No webhook is sent for this reply: only the relay's own poll (every second in tests) can find it.
    desk.agentReply(ticketId, 'Sent while the webhook was lost');
    const created = await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created'));
    expect(created.data.message).toMatchObject({ text: 'Sent while the webhook was lost' });
  });

  it('honours a rotated bearer token and signing secret at once, though the tenant row is kept between webhooks', async () => {
    const { ticketId } = await startWithTicket();
    const agentReply = () => ({ ticket_id: ticketId, event: 'noop' });
    expect((await zendeskWebhook(agentReply())).status).toBe(200);
    try {
      // The signing secret alone (the token stays): the kept row's secret no longer matches.
      await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'rotated-secret');
      expect((await zendeskWebhook(agentReply(), { secret: 'rotated-secret' })).status).toBe(200);
      // Both: the kept row refuses the new token before the body is read.
      await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, 'rotated-again');
      await storeZendeskWebhookToken(t.relay.db, t.tenantId, 'rotated-token');
      expect((await zendeskWebhook(agentReply(), { secret: 'rotated-again', token: 'rotated-token' })).status).toBe(200);
      // Still refused: a wrong token and a wrong secret, even right after a fresh read.
      expect((await zendeskWebhook(agentReply(), { secret: 'rotated-again', token: 'guess' })).status).toBe(401);
      expect((await zendeskWebhook(agentReply(), { secret: 'guess', token: 'rotated-token' })).status).toBe(401);
    } finally {
      await storeZendeskWebhookSecret(t.relay.db, t.relay.masterKey, t.tenantId, SIGNING_SECRET);
      await storeZendeskWebhookToken(t.relay.db, t.tenantId, BEARER_TOKEN);
    }
  });

  it('refuses a wrong signature, a stale timestamp and an unconfigured tenant', async () => {
    const { ticketId } = await startWithTicket();
    const wrong = await zendeskWebhook({ ticket_id: ticketId }, { secret: 'guess' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid_signature');
    const stale = await zendeskWebhook({ ticket_id: ticketId }, { timestamp: new Date(Date.now() - 3_600_000).toISOString() });
    expect(stale.status).toBe(401);
    const other = await fetch(`${t.url}/zendesk/webhooks/ten_unknown`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
  });

  // The relay serves the plain webhook URL straight from Node's request (zendesk/webhook-fast-path.ts); any other
  // form of it (here a query string) goes through the Hono app. One handler behind both: same answers.
  it('answers a webhook the same on the fast path and through the app', async () => {
    const { ticketId } = await startWithTicket();
    for (const query of ['', '?via=app']) {
      const invocationId = randomUUID();
      expect(await zendeskWebhook({ ticket_id: ticketId }, { invocationId, query }), query).toEqual({ status: 200, body: { status: expect.stringMatching(/^(queued|already_queued)$/) } });
      expect(await zendeskWebhook({ ticket_id: ticketId }, { invocationId, query }), query).toEqual({ status: 200, body: { status: 'duplicate' } });
      const wrong = await zendeskWebhook({ ticket_id: ticketId }, { secret: 'guess', query });
      expect(wrong, query).toMatchObject({ status: 401, body: { error: { code: 'invalid_signature', message: 'Zendesk webhook refused: mismatch signature.' } } });
      const anonymous = await zendeskWebhook({ ticket_id: ticketId }, { token: 'not-the-token', query });
      expect(anonymous, query).toMatchObject({ status: 401, body: { error: { code: 'invalid_signature', message: 'Missing or wrong webhook bearer token.' } } });
    }
  });
});
