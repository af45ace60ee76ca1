import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { connectZendesk, createAgent, createApiKey, provisionTenantZendesk, rotateAppSecret } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('quiet-logs.test.ts');

/**
 * Logs hold no customer data at any level: the whole loop, its failures (an AI platform answering 500,
 * Zendesk faults until a handoff fails, a database refusing a write) with a marker in every customer
 * field, logged at `trace` through the production logger into a captured stream, and the marker is
 * nowhere in it.
 */
describe.each(BACKENDS)('quiet logs on %s', (backend) => {
  const MARKER = `Mk${randomBytes(5).toString('hex')}`;
  const lines: string[] = [];
  const logText = () => lines.join('');
  let z: ZendeskEmulator;
  let t: TestRelay;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' }, overrides: { log: createLogger('trace', sink) } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
      baseUrl: z.baseUrl,
      credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' },
    });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const ticketOf = (sessionId: string) => z.tickets().find((x) => x.external_id === `baton:${sessionId}`);
  const eventsOf = (id: string) => t.receiver.unique().filter((e) => e.data.sessionId === id);
  /** A handoff whose every customer field carries the marker. */
  const markedHandoff = () =>
    handoffBody({
      endUser: { id: `user-${randomUUID()}`, name: `Jane ${MARKER}`, email: `jane.${MARKER.toLowerCase()}@example.com`, locale: 'en' },
      transcript: [
        { id: 'm1', role: 'user', text: `My order ${MARKER} never arrived`, createdAt: '2026-11-24T10:00:00Z' },
        { id: 'm2', role: 'assistant', text: `Checking ${MARKER} for you`, createdAt: '2026-11-24T10:00:05Z' },
      ],
      reason: { code: 'customer_request', text: `Asked for a human ${MARKER}` },
      summary: `Order ${MARKER} missing`,
      metadata: { orderId: MARKER, nested: { plan: MARKER } },
    });
  const appToken = async () => {
    const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    return new SignJWT({ tenant: t.tenantId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setAudience(t.url).setExpirationTime('60s').sign(new TextEncoder().encode(secret));
  };
  const returnToAi = async (id: string, note: string) =>
    fetch(`${t.url}/app/v1/sessions/${id}/return-to-ai`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await appToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note }),
    });

  it('never writes a customer field into the log, whatever fails', async () => {
    // The whole loop, with the AI platform failing the first deliveries and Zendesk failing a comment.
    t.receiver.failNext(2, 500);
    const first = await t.api('POST', '/v1/handoffs', markedHandoff(), { 'idempotency-key': randomUUID() });
    expect(first.status).toBe(201);
    const id = first.body.session.id as string;
    const ticket = await waitFor('ticket', () => ticketOf(id), 30_000);
    z.faults.failNext(1, { status: 500, pathPrefix: `/api/v2/tickets/${ticket.id}` });
    for (const n of [1, 2]) {
      const res = await t.api('POST', `/v1/sessions/${id}/messages`, { id: `c${n}`, role: 'user', text: `line ${n} ${MARKER}`, createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
    }
    await waitFor('customer lines on the ticket', () => ticketOf(id)!.comments.some((c) => c.public && c.body.includes(`line 2 ${MARKER}`)), 30_000);
    await z.agentReply(ticket.id, { body: `Hi Jane, refund for ${MARKER} on its way.`, public: true, agentName: `Sam ${MARKER}` });
    await waitFor('message.created', () => eventsOf(id).find((e) => e.type === 'message.created'), 30_000);
    await z.setStatus(ticket.id, 'solved');
    await waitFor('session.returned', () => eventsOf(id).find((e) => e.type === 'session.returned'), 30_000);

    // Return to AI with a note; then one the database refuses (a constraint standing for any write failure).
    const second = await t.api('POST', '/v1/handoffs', markedHandoff(), { 'idempotency-key': randomUUID() });
    const secondId = second.body.session.id as string;
    await waitFor('second ticket', () => ticketOf(secondId), 30_000);
    await t.relay.db.query(`ALTER TABLE deliveries ADD CONSTRAINT test_refuse_fault CHECK (payload::text NOT LIKE '%DBFAULT%') NOT VALID`);
    const refused = await returnToAi(secondId, `DBFAULT note ${MARKER}`);
    expect(refused.status).toBe(500);
    await t.relay.db.query('ALTER TABLE deliveries DROP CONSTRAINT test_refuse_fault');
    expect((await returnToAi(secondId, `Refund done ${MARKER}`)).status).toBe(200);
    await waitFor('returned with note', () => eventsOf(secondId).find((e) => e.type === 'session.returned'), 30_000);

    // A handoff whose ticket Zendesk never creates: retried, dead-lettered, the platform told.
    const otherAgent = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Bot 2', callbackUrl: t.receiver.url });
    const otherKey = await createApiKey(t.relay.db, { agentId: otherAgent.agentId });
    z.faults.failNext(10, { status: 500, pathPrefix: '/api/v2/tickets' });
    const failing = await fetch(`${t.url}/v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${otherKey.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(markedHandoff()),
    });
    expect(failing.status).toBe(201);
    const failedId = ((await failing.json()) as { session: { id: string } }).session.id;
    await waitFor('handoff.failed', () => t.receiver.received.find((e) => e.type === 'handoff.failed' && e.data.sessionId === failedId), 30_000);
    z.faults.reset();

    // The failures were logged (so the assertion below is about real lines), without the customer.
    const text = logText();
    expect(text).toContain('delivery failed, will retry');
    expect(text).toContain('delivery dead-lettered');
    expect(text).toMatch(/"msg":"unhandled error"/);
    expect(text).toContain('"code":"23514"'); // check_violation, the SQLSTATE an operator needs
    expect(text.toLowerCase()).not.toContain(MARKER.toLowerCase());
  }, 120_000);
});
