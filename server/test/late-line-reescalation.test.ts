import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('late-line-reescalation.test.ts');

/**
 * A customer line still on its way to a ticket that was closed meanwhile, while the agent returned the session
 * to the AI and the AI handed the conversation off again. The new handoff waits for the earlier one's Return to
 * AI to reach the ticket (queued behind that line); the line must not in turn wait for the new handoff's ticket.
 */
describe.each(BACKENDS)('a late line, a closed ticket and a new handoff, on %s', (backend) => {
  const w = useZendeskWorld(backend);

  it('lands the late line and gives the new handoff its ticket instead of both waiting for each other', async () => {
    const body = handoffBody();
    const first = await w.handOff(body);
    await w.z.agentReply(first.ticketId, { body: 'Checking your order.', public: true });
    await waitFor('human', async () => (await w.session(first.id)).state === 'human');
    await w.quiet();

    const db = w.t.relay.db;
    // Zendesk asks the relay to come back much later for the line's write: it is still on its way below.
    w.z.faults.failNext(1, { status: 429, retryAfterSeconds: 3600, method: 'PUT', pathPrefix: `/api/v2/tickets/${first.ticketId}` });
    const res = await w.t.api('POST', `/v1/sessions/${first.id}/messages`, { id: 'late-line', role: 'user', text: 'Order 88213, please hurry', createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
    const line = await waitFor('the line to be refused', async () => {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM deliveries WHERE session_id = $1 AND kind = 'ticket.end_user_message' AND status = 'pending' AND attempts > 0 AND locked_until IS NULL`,
        [first.id],
      );
      return rows[0];
    });
    await w.returnToAi(first.id, { note: 'The AI can take it', agentName: 'Sam Support' });
    await w.z.setStatus(first.ticketId, 'closed');
    const again = await w.t.api('POST', '/v1/handoffs', { ...body, reason: { code: 'ai_unable', text: 'Asked again' } }, { 'idempotency-key': randomUUID() });
    expect(again.status).toBe(201);
    const second = again.body.session.id as string;
    await waitFor('the second ticket.create to be tried', async () => {
      const { rows } = await db.query(`SELECT 1 FROM deliveries WHERE session_id = $1 AND kind = 'ticket.create' AND locked_by IS NOT NULL AND locked_until IS NULL`, [second]);
      return rows.length > 0;
    });
    await db.query(`UPDATE deliveries SET next_attempt_at = now() WHERE id = $1`, [line.id]);

    await waitFor('the second handoff accepted', () => w.events(body.conversationId).find((e) => e.type === 'handoff.accepted' && e.data.sessionId === second), 20_000);
    await w.quiet();
    const now = await w.session(second);
    expect(now.state).toBe('waiting');
    const carriers = w.z.tickets().filter((x) => x.comments.some((c) => c.public && c.body === 'Order 88213, please hurry'));
    // One open ticket for the conversation: the line is on the one the new handoff continues on.
    expect(carriers.map((x) => String(x.id))).toEqual([now.ticket.id]);
    expect(w.z.ticket(Number(now.ticket.id))!.status).not.toBe('closed');
  });
});
