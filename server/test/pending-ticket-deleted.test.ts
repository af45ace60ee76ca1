import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelpdeskError, type Helpdesk, type HelpdeskResolver } from '../helpdesk/helpdesk.js';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { createZendeskResolver } from '../zendesk/resolver.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('pending-ticket-deleted.test.ts');

/**
 * An agent deletes a handoff's ticket before the relay recorded it: the ticket was created, but the answer to that
 * request was lost (here: the relay's real Zendesk client against the emulator, with the answer dropped after the
 * ticket exists, and the agent's deletion at that moment). Zendesk's `ticket.soft_deleted` event names the ticket by
 * its external id while the session is still `pending`.
 */
describe.each(BACKENDS)('a ticket deleted while its session is pending, on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  /** Runs once, right after Zendesk created the next ticket; the relay then never hears the answer. */
  let afterCreate: ((ticketId: string, sessionId: string) => Promise<void>) | undefined;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    let zendesk: HelpdeskResolver | undefined;
    const helpdeskFor: HelpdeskResolver = async (tenantId) => {
      zendesk ??= createZendeskResolver(t.relay.db, t.relay.masterKey);
      const hd = await zendesk(tenantId);
      if (!hd) return hd;
      const answerLost: Helpdesk = {
        ...hd,
        async createTicket(input) {
          const created = await hd.createTicket(input);
          const hook = afterCreate;
          if (!hook) return created;
          afterCreate = undefined;
          await hook(created.ticketId, input.session.id);
          throw new HelpdeskError('the connection dropped before the answer', 'transient');
        },
      };
      return answerLost;
    };
    // The create keeps retrying as it does for hours in production (the harness's fast policy gives up after five
    // attempts, sooner than the deletion event's catch-up may run on a busy machine).
    const retryForLong = (attempts: number, failure: { kind: string }) =>
      failure.kind === 'permanent' || attempts >= 1_000
        ? ({ retry: false, reason: failure.kind === 'permanent' ? 'permanent' : 'exhausted' } as const)
        : ({ retry: true, delayMs: 50 } as const);
    t = await startTestRelay(backend, { helpdeskFor, env: { RECONCILE_INTERVAL_MS: '600000' }, overrides: { worker: { retryPolicy: retryForLong } } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const events = (conversationId: string) => t.receiver.unique().filter((e) => e.data.conversationId === conversationId);
  const session = async (id: string) => (await t.api('GET', `/v1/sessions/${id}`)).body.session;
  const quiet = () =>
    waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`);
      return rows[0]!.n === 0;
    }, 30_000);

  it('returns the session to the AI at once, and a line the customer wrote meanwhile reaches a person on a new ticket', async () => {
    const body = handoffBody();
    let deleted = 0;
    afterCreate = async (ticketId, sessionId) => {
      // The customer writes while the handoff is pending: the relay accepts the line, and the transcript grows.
      const res = await t.api('POST', `/v1/sessions/${sessionId}/messages`, { id: 'while-pending', role: 'user', text: 'Is anyone there?', createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
      deleted = Number(ticketId);
      z.deleteTicket(deleted);
    };
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;

    const returned = await waitFor('session.returned', () => events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data).toMatchObject({ cause: 'ticket_deleted', ticketId: String(deleted) });
    expect(events(body.conversationId).find((e) => e.type === 'handoff.accepted')?.data.ticketId).toBe(String(deleted));
    // The line answered 202 is not lost: it opens a new ticket, and the session waits for a person there.
    const carrier = await waitFor('the line on a new ticket', () => z.tickets().find((x) => x.comments.some((c) => c.public && c.body === 'Is anyone there?')));
    await quiet();
    expect(carrier.id).not.toBe(deleted);
    expect(await session(id)).toMatchObject({ state: 'waiting', ticket: { id: String(carrier.id) } });
    expect(events(body.conversationId).some((e) => e.type === 'handoff.failed')).toBe(false);
    const { rows } = await t.relay.db.query(`SELECT kind FROM deliveries WHERE session_id = $1 AND status <> 'delivered'`, [id]);
    expect(rows).toEqual([]);
  });

  it('returns the session to the AI when the customer wrote nothing meanwhile', async () => {
    const body = handoffBody();
    let deleted = 0;
    afterCreate = async (ticketId) => {
      deleted = Number(ticketId);
      z.deleteTicket(deleted);
    };
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const returned = await waitFor('session.returned', () => events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data).toMatchObject({ cause: 'ticket_deleted', ticketId: String(deleted) });
    await quiet();
    expect(await session(id)).toMatchObject({ state: 'returned', ticket: { id: String(deleted) } });
    const { rows } = await t.relay.db.query(`SELECT kind FROM deliveries WHERE session_id = $1 AND status <> 'delivered'`, [id]);
    expect(rows).toEqual([]);
  });

  it('returns the session to the AI at the next reconciliation poll when the deletion event was lost', async () => {
    const body = handoffBody();
    let deleted = 0;
    let created!: () => void;
    const deletedNow = new Promise<void>((resolve) => (created = resolve));
    afterCreate = async (ticketId, sessionId) => {
      const res = await t.api('POST', `/v1/sessions/${sessionId}/messages`, { id: 'while-pending', role: 'user', text: 'Hello?', createdAt: new Date().toISOString() });
      expect(res.status).toBe(202);
      deleted = Number(ticketId);
      z.faults.loseWebhooks(1); // the ticket.soft_deleted event never arrives
      z.deleteTicket(deleted);
      created();
    };
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    await deletedNow;
    // The incremental export has second granularity: look from the start of the tenant's history.
    await t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL, zendesk_reconcile_cursor = NULL`);
    await t.relay.reconciler!.tick();
    const returned = await waitFor('session.returned', () => events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data).toMatchObject({ cause: 'ticket_deleted', ticketId: String(deleted) });
    const carrier = await waitFor('the line on a new ticket', () => z.tickets().find((x) => x.comments.some((c) => c.public && c.body === 'Hello?')));
    await quiet();
    expect(await session(id)).toMatchObject({ state: 'waiting', ticket: { id: String(carrier.id) } });
  });
});
