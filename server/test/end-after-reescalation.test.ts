import { describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('end-after-reescalation.test.ts');

/**
 * The platform closes its books on an earlier handoff (POST /end of a returned session) after the conversation was
 * handed off again on the same ticket: the agents working the new handoff must not read that the conversation ended.
 */
describe.each(BACKENDS)('ending an earlier handoff of a reused ticket, on %s', (backend) => {
  const w = useZendeskWorld(backend);

  it('writes no "ended" note on the ticket the newer handoff is live on', async () => {
    const body = handoffBody();
    const first = await w.handOff(body, { settle: true });
    await w.returnToAi(first.id, { note: 'Done', agentName: 'Sam Support' });
    await w.quiet();
    const second = await w.handOff({ ...body, reason: { code: 'ai_unable', text: 'Asked again' } }, { settle: true });
    expect(second.ticketId).toBe(first.ticketId);

    const ended = await w.t.api('POST', `/v1/sessions/${first.id}/end`, { reason: 'cleanup' });
    expect(ended.status).toBe(200);
    expect(ended.body.session.state).toBe('ended');
    await w.quiet();
    const notes = w.z.ticket(first.ticketId)!.comments.filter((c) => c.plain_body.includes('ended this conversation'));
    expect(notes).toEqual([]);
    expect((await w.session(second.id)).state).toBe('waiting');
  });
});
