import { describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('customer-reopens.test.ts');

/**
 * The customer writes while the agent solves the ticket: Zendesk reopens a solved (or pending) ticket when its
 * requester replies. The relay writes the customer's words as the requester, so they must do the same, whether
 * it writes them as the end user (impersonation) or as its own user with author_id = requester (this world).
 */
describe.each(BACKENDS)("a customer's message racing a solve, on %s", (backend) => {
  const w = useZendeskWorld(backend);

  it('reopens the solved ticket and keeps the session with the human, as the requester\'s own reply would', async () => {
    const body = handoffBody();
    const { id, ticketId } = await w.handOff(body);
    await w.z.agentReply(ticketId, { body: 'Your refund is on its way.', public: true });
    await waitFor('human', async () => (await w.session(id)).state === 'human');
    await w.quiet();

    w.z.faults.holdWebhooks(1); // the solve trigger is late: the relay still thinks a human owns the session
    await w.z.setStatus(ticketId, 'solved');
    const res = await w.t.api('POST', `/v1/sessions/${id}/messages`, { id: 'late-1', role: 'user', text: 'It still shows unpaid', createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    await waitFor('the line on the ticket', () => w.z.ticket(ticketId)!.comments.some((c) => c.public && c.body === 'It still shows unpaid'));
    await w.z.faults.releaseHeldWebhooks();
    await w.quiet();

    expect(w.z.ticket(ticketId)!.status).toBe('open'); // back in the agents' views, with the customer's words on top
    expect((await w.session(id)).state).toBe('human');
    expect(w.events(body.conversationId).filter((e) => e.type === 'session.returned')).toEqual([]);
  });
});
