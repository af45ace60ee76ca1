import { describe, expect, it } from 'vitest';
import { provisionTenantZendesk } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('ticket-deleted.test.ts');

/**
 * An agent deletes the ticket of an open handoff (spam, a duplicate, a mistake). No trigger fires for a
 * deletion; the event webhook's `ticket.soft_deleted` says so at once, the reconciliation poll sees the ticket
 * listed as `deleted` (when the event was lost), and every write to it answers 404.
 */
describe.each(BACKENDS)('a ticket deleted under an open session, on %s', (backend) => {
  const w = useZendeskWorld(backend);

  const reconcile = async () => {
    // The incremental export has second granularity: look from the start of the tenant's history.
    await w.t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL, zendesk_reconcile_cursor = NULL`);
    await w.t.relay.reconciler!.tick();
  };

  it('returns the session to the AI when the poll finds its ticket deleted', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.agentReply(ticketId, { body: 'Let me check.', public: true });
    await waitFor('human', async () => (await w.session(id)).state === 'human');
    await w.quiet();

    w.z.deleteTicket(ticketId);
    await reconcile();
    const returned = await waitFor('session.returned', () => w.events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data.cause).toBe('ticket_deleted');
    expect(await w.session(id)).toMatchObject({ state: 'returned' });
    // Nothing was dead-lettered on the way: the poll's catch-up understood the 404.
    const { rows } = await w.t.relay.db.query(`SELECT kind FROM deliveries WHERE session_id = $1 AND status = 'dead'`, [id]);
    expect(rows).toEqual([]);
  });

  it("returns the session to the AI as soon as Zendesk's ticket.soft_deleted event arrives, without a poll", async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.agentReply(ticketId, { body: 'One moment.', public: true });
    await waitFor('human', async () => (await w.session(id)).state === 'human');
    await w.quiet();

    w.z.deleteTicket(ticketId); // no trigger fires; the event webhook hears of it, and no poll runs
    const returned = await waitFor('session.returned', () => w.events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data.cause).toBe('ticket_deleted');
    expect(await w.session(id)).toMatchObject({ state: 'returned' });
  });

  it('adds the deletion event types to an event webhook an older relay provisioned with comments alone', async () => {
    const auth = { authorization: `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`, 'content-type': 'application/json' };
    const list = async () => ((await (await fetch(`${w.z.baseUrl}/api/v2/webhooks`, { headers: auth })).json()) as { webhooks: Array<{ id: string; subscriptions: string[] }> }).webhooks;
    const events = (await list()).find((h) => h.subscriptions.includes('zen:event-type:ticket.comment_added'))!;
    const patched = await fetch(`${w.z.baseUrl}/api/v2/webhooks/${events.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ webhook: { subscriptions: ['zen:event-type:ticket.comment_added'] } }) });
    expect(patched.status).toBe(204);

    await provisionTenantZendesk(w.t.relay.db, w.t.relay.masterKey, w.t.tenantId, w.t.url);
    const repaired = (await list()).find((h) => h.id === events.id)!;
    expect(repaired.subscriptions).toEqual(expect.arrayContaining(['zen:event-type:ticket.comment_added', 'zen:event-type:ticket.soft_deleted', 'zen:event-type:ticket.marked_as_spam']));
  });

  it("lets an agent's Return to AI on a ticket deleted meanwhile end quietly, with nothing dead-lettered", async () => {
    const { id, ticketId } = await w.handOff(handoffBody(), { settle: true });
    w.z.deleteTicket(ticketId); // the sidebar was still open on it
    await w.returnToAi(id, { note: 'Duplicate, deleted', agentName: 'Sam Support' });
    await w.quiet();
    expect((await w.session(id)).state).toBe('returned');
    const { rows } = await w.t.relay.db.query(`SELECT kind FROM deliveries WHERE session_id = $1 AND status <> 'delivered'`, [id]);
    expect(rows).toEqual([]);
  });

  it('puts a customer message accepted after the deletion on a new ticket for the same requester', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body, { settle: true });
    const requesterId = w.z.ticket(ticketId)!.requester_id;
    w.z.deleteTicket(ticketId); // the relay has not heard of it yet: the message is accepted
    const res = await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after-delete', role: 'user', text: 'Anyone there?', createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    const carrier = await waitFor('the line on a ticket', () => w.z.tickets().find((x) => x.comments.some((c) => c.public && c.body === 'Anyone there?')));
    await w.quiet();
    expect(carrier.id).not.toBe(ticketId);
    expect(carrier).toMatchObject({ requester_id: requesterId, via_followup_source_id: null });
    expect(carrier.tags).toContain('baton_handoff');
    expect(carrier.comments[0]!.public).toBe(false);
    expect(carrier.comments[0]!.plain_body).toContain(`#${ticketId}`);
    // The session follows the words, and still waits for a person there.
    expect(await w.session(id)).toMatchObject({ state: 'waiting', ticket: { id: String(carrier.id) } });
    await w.z.agentReply(carrier.id, { body: 'Here now.', public: true });
    await waitFor('the reply from the new ticket', () => w.events(body.conversationId).find((e) => e.type === 'message.created'));
  });
});
