import { describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('ticket-merged.test.ts');

/**
 * An agent merges the ticket of an open handoff into another ticket of the same customer. Zendesk closes the
 * source and notes the merge on both; nothing it documents on the source names the target (README "Zendesk
 * ticket events and merges"), so the session returns as for any close, and a customer line accepted
 * afterwards still lands on exactly one ticket: a follow-up of the closed source.
 */
describe.each(BACKENDS)('a ticket merged into another under an open session, on %s', (backend) => {
  const w = useZendeskWorld(backend);

  const openTicketFor = async (requesterId: number): Promise<number> => {
    const res = await fetch(`${w.z.baseUrl}/api/v2/tickets`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('admin@acme.test/token:dev-token').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: 'Same order, by email', requester_id: requesterId, comment: { body: 'Where is my order?' } } }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { ticket: { id: number } }).ticket.id;
  };

  const mergeIntoNewTicket = async (ticketId: number): Promise<number> => {
    const target = await openTicketFor(w.z.ticket(ticketId)!.requester_id);
    await w.z.mergeTickets(target, [ticketId]);
    return target;
  };

  it('returns the session (cause ticket_closed) when the poll finds its ticket closed by the merge', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.agentReply(ticketId, { body: 'Looking into it.', public: true });
    await waitFor('human', async () => (await w.session(id)).state === 'human');
    await w.quiet();

    const target = await mergeIntoNewTicket(ticketId);
    expect(w.z.ticket(ticketId)).toMatchObject({ status: 'closed' });
    expect(w.z.ticket(ticketId)!.comments.at(-1)).toMatchObject({ public: false, body: expect.stringContaining(`#${target}`) });

    await w.t.relay.db.query(`UPDATE tenants SET zendesk_reconciled_at = NULL, zendesk_reconcile_cursor = NULL`);
    await w.t.relay.reconciler!.tick();
    const returned = await waitFor('session.returned', () => w.events(body.conversationId).find((e) => e.type === 'session.returned'));
    expect(returned.data.cause).toBe('ticket_closed');
    expect(await w.session(id)).toMatchObject({ state: 'returned' });
  });

  it('files a customer line accepted before the relay heard of the merge on exactly one ticket, a follow-up of the merged one', async () => {
    const { id, ticketId } = await w.handOff(handoffBody(), { settle: true });
    await mergeIntoNewTicket(ticketId);
    const res = await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after-merge', role: 'user', text: 'Still there?', createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    await waitFor('the line on a ticket', () => w.z.tickets().find((x) => x.comments.some((c) => c.body === 'Still there?')));
    await w.quiet();
    const carriers = w.z.tickets().filter((x) => x.comments.some((c) => c.body === 'Still there?'));
    expect(carriers).toHaveLength(1);
    expect(carriers[0]).toMatchObject({ via_followup_source_id: ticketId });
    expect(await w.session(id)).toMatchObject({ state: 'waiting', ticket: { id: String(carriers[0]!.id) } });
  });
});
