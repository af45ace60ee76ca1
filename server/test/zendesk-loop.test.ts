import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk, checkTenantZendesk } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('zendesk-loop.test.ts');

/**
 * The whole loop over real sockets with the real Zendesk adapter against the emulator: handoff →
 * ticket with transcript → customer messages on the ticket → an agent's reply in "Zendesk" fires the
 * provisioned trigger → signed webhook → relay → signed Standard Webhook to the AI platform → solve →
 * session.returned.
 */
describe.each(BACKENDS)('the Zendesk loop on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  let files: Server;
  let filesUrl = '';
  /** Provisioned once for the suite, so every test (the webhook-driven ones too) also passes when run alone. */
  let firstProvision: Awaited<ReturnType<typeof provisionTenantZendesk>>;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]);
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    // The customer's files are served from loopback here, which production refuses (SSRF guard).
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000', ATTACHMENT_ALLOW_PRIVATE_HOSTS: 'true' } });
    files = createServer((req, res) => (req.url === '/crash.png' ? res.writeHead(200, { 'content-type': 'image/png' }).end(png) : res.writeHead(404).end()));
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
      baseUrl: z.baseUrl,
      credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' },
    });
    firstProvision = await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
  });
  afterAll(async () => {
    await new Promise<void>((r) => (files ? files.close(() => r()) : r()));
    await t?.stop();
    await z?.stop();
  });

  const ticketOf = (sessionId: string) => z.tickets().find((x) => x.external_id === `baton:${sessionId}`);
  const eventsOf = (id: string) => t.receiver.unique().filter((e) => e.data.sessionId === id);
  const start = async (body = handoffBody()) => {
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const ticket = await waitFor('ticket', () => ticketOf(id));
    return { id, ticket };
  };

  it('checks the connection and provisions webhook and triggers idempotently', async () => {
    expect(await checkTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId)).toMatchObject({ ok: true });
    // The trigger webhook, its three triggers, and the event webhook (comment_added).
    expect(firstProvision.created).toHaveLength(5);
    const second = await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
  });

  it('refuses every webhook call while the relay holds no bearer token for the tenant, until provisioning repairs it', async () => {
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    // A tenant whose webhook was found rather than created (or was set up by hand): no token hash stored.
    await t.relay.db.query('UPDATE tenants SET zendesk_webhook_token_hash = NULL WHERE id = $1', [t.tenantId]);
    const { id, ticket } = await start();
    const before = z.webhookDeliveries().length;
    await z.agentReply(ticket.id, { body: 'Sent while the token is missing', public: true });
    await z.settleWebhooks();
    const refused = z.webhookDeliveries().slice(before);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((d) => d.status === 401)).toBe(true);
    const anonymous = await fetch(`${t.url}/zendesk/webhooks/${t.tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"ticket_id":${ticket.id}}` });
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('webhook_token_not_configured');

    const repaired = await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    expect(repaired.updated.join()).toContain('new bearer token');
    await z.agentReply(ticket.id, { body: 'Sent after the repair', public: true });
    const reply = await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created' && (e.data.message as { text?: string }).text === 'Sent after the repair'));
    expect(reply.data.message).toMatchObject({ role: 'agent' });
  });

  it('runs the whole loop', async () => {
    const body = handoffBody({ transcript: [{ id: 'x1', role: 'user', text: '<img src=x onerror=alert(1)> refund?', createdAt: '2026-11-24T10:00:00Z' }] });
    const { id, ticket } = await start(body);
    const first = ticket.comments[0]!;
    expect(first.public).toBe(false); // the transcript is an internal note: no email to the requester
    expect(first.html_body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(first.html_body).toContain('customer_request');
    expect(ticket.tags).toContain('baton_handoff');
    await waitFor('handoff.accepted', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));

    for (const n of [1, 2, 3]) {
      await t.api('POST', `/v1/sessions/${id}/messages`, { id: `c${n}`, role: 'user', text: `customer line ${n}`, createdAt: new Date().toISOString() });
    }
    await waitFor('customer lines on the ticket', () => ticketOf(id)!.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n')).length === 3);
    const publicComments = ticketOf(id)!.comments.filter((c) => c.public);
    expect(publicComments.every((c) => c.author_id === ticket.requester_id)).toBe(true);

    await z.agentReply(ticket.id, { body: 'Hi Jane, refund on its way.', public: true, agentName: 'Sam Support' });
    const reply = await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created'));
    expect(reply.verified).toBe(true);
    expect(reply.data.message).toMatchObject({ role: 'agent', text: 'Hi Jane, refund on its way.', authorName: 'Sam Support' });
    // The relay's own writes (customer lines) never came back as agent replies.
    expect(eventsOf(id).filter((e) => e.type === 'message.created')).toHaveLength(1);

    await z.setStatus(ticket.id, 'solved');
    const returned = await waitFor('session.returned', () => eventsOf(id).find((e) => e.type === 'session.returned'));
    expect((returned.data.transcript as Array<{ text: string }>).map((m) => m.text)).toContain('Hi Jane, refund on its way.');
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('returned');
  });

  it("attaches the customer's files to the ticket comment, and keeps the link of one it cannot fetch", async () => {
    const { id, ticket } = await start();
    const res = await t.api('POST', `/v1/sessions/${id}/messages`, {
      id: 'file-1', role: 'user', text: 'Here is the error', createdAt: new Date().toISOString(),
      attachments: [{ url: `${filesUrl}/crash.png`, name: 'crash.png', contentType: 'image/png' }, { url: `${filesUrl}/gone.pdf`, name: 'gone.pdf' }],
    });
    expect(res.status).toBe(202);
    const comment = await waitFor('comment with attachment', () => ticketOf(id)!.comments.find((c) => c.public && c.body.startsWith('Here is the error')));
    expect(comment.attachments.map((a) => [a.file_name, a.content_type, a.size])).toEqual([['crash.png', 'image/png', png.length]]);
    expect(z.attachmentBytes(comment.attachments[0]!.id)).toEqual(png);
    expect(comment.body).toContain(`gone.pdf: ${filesUrl}/gone.pdf`); // not fetched: still reachable as a link
    expect(ticket.id).toBeGreaterThan(0);
  });

  it('relays an agent reply that Zendesk announces before the relay has recorded the new ticket', async () => {
    // Zendesk makes the ticket but the relay hears nothing back, three times: it keeps retrying meanwhile.
    z.faults.dropConnections(3, '/api/v2/tickets', true);
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    let ticket = ticketOf(id);
    while (!ticket) {
      await new Promise((r) => setImmediate(r));
      ticket = ticketOf(id);
    }
    // The agent is quick: the reply (and its webhook) comes while the session still has no ticket.
    const before = (await t.api('GET', `/v1/sessions/${id}`)).body.session;
    await z.agentReply(ticket.id, { body: 'Already on it!', public: true, agentName: 'Quick Kim' });
    expect(before).toMatchObject({ state: 'pending', ticket: null });
    // Generous: the create is retried three times first, and CI's machine is busy.
    const reply = await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created'), 30_000);
    expect(reply.data.message).toMatchObject({ role: 'agent', text: 'Already on it!' });
    expect(z.tickets().filter((x) => x.external_id === `baton:${id}`)).toHaveLength(1);
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session).toMatchObject({ state: 'human', ticket: { id: String(ticket.id) } });
  });

  it('makes one ticket even when the create response is lost', async () => {
    z.faults.dropConnections(1, '/api/v2/tickets', true);
    const { id } = await start();
    expect(z.tickets().filter((x) => x.external_id === `baton:${id}`)).toHaveLength(1);
    await waitFor('handoff.accepted', () => eventsOf(id).find((e) => e.type === 'handoff.accepted'));
  });

  it('delivers everything in order after Zendesk answers 429 and 503 for a stretch', async () => {
    const { id, ticket } = await start();
    z.faults.failNext(2, { status: 429, retryAfterSeconds: 1, pathPrefix: `/api/v2/tickets/${ticket.id}` });
    z.faults.failNext(2, { status: 503, pathPrefix: `/api/v2/tickets/${ticket.id}` });
    for (let n = 1; n <= 6; n++) {
      await t.api('POST', `/v1/sessions/${id}/messages`, { id: `o${n}`, role: 'user', text: `ordered ${n}`, createdAt: new Date().toISOString() });
    }
    const lines = () => ticketOf(id)!.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n'));
    await waitFor('all six lines', () => lines().length === 6, 20_000);
    expect(lines()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `ordered ${n}`));
  });

  it('recovers an agent reply whose webhook Zendesk lost, through the poll', async () => {
    const { id, ticket } = await start();
    z.faults.loseWebhooks(1);
    await z.agentReply(ticket.id, { body: 'This webhook was lost', public: true });
    await z.settleWebhooks();
    expect(eventsOf(id).some((e) => e.type === 'message.created')).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100)); // the incremental export has second granularity
    await t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL`);
    await t.relay.reconciler!.tick();
    const created = await waitFor('recovered reply', () => eventsOf(id).find((e) => e.type === 'message.created'));
    expect(created.data.message).toMatchObject({ text: 'This webhook was lost' });
  });

  it('reuses the ticket when the conversation is escalated again, and makes a follow-up once it is closed', async () => {
    const body = handoffBody();
    const { id, ticket } = await start(body);
    await z.setStatus(ticket.id, 'solved');
    await waitFor('returned', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'returned');
    const again = await t.api('POST', '/v1/handoffs', { ...body, reason: { code: 'ai_unable' } }, { 'idempotency-key': randomUUID() });
    expect(again.status).toBe(201);
    const second = again.body.session.id as string;
    await waitFor('second handoff accepted', () => eventsOf(second).find((e) => e.type === 'handoff.accepted'));
    expect(eventsOf(second).find((e) => e.type === 'handoff.accepted')!.data.ticketId).toBe(String(ticket.id));
    expect(z.ticket(ticket.id)!.status).toBe('open');
    expect(z.tickets().filter((x) => x.requester_id === ticket.requester_id && x.id !== ticket.id && x.external_id === `baton:${second}`)).toHaveLength(0);

    await z.setStatus(ticket.id, 'solved');
    await z.setStatus(ticket.id, 'closed'); // Zendesk's automation closes solved tickets later
    await waitFor('returned again', async () => (await t.api('GET', `/v1/sessions/${second}`)).body.session.state === 'returned');
    const third = (await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() })).body.session.id as string;
    const followUp = await waitFor('follow-up ticket', () => ticketOf(third));
    expect(followUp.id).not.toBe(ticket.id);
    expect(followUp.via_followup_source_id).toBe(ticket.id);
  });
});
