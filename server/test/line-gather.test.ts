import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayHandlers } from '../outbox/relay-handlers.js';
import { claimDue, listDeliveries, markDelivered } from '../store/deliveries.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('line-gather.test.ts');

/**
 * A burst of customer lines split over relay processes commits in parts. The worker that claims the first line
 * waits out the gather window before putting the comment together, so a part committed meanwhile (here: while
 * the injected sleep runs, as another relay's commit would land) joins the same comment, in order.
 */
describe.each(BACKENDS)('gathering a burst of customer lines into one comment on %s', (backend) => {
  let t: TestRelay;
  const desk = createRecordingHelpdesk();
  let sessionId = '';
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk });
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': `k-${Math.random()}` });
    sessionId = res.body.session.id;
    await waitFor('handoff.accepted', () => t.receiver.unique().find((r) => r.type === 'handoff.accepted' && r.data.sessionId === sessionId));
    // Everything the handoff queued has gone out (a waiting timer stays pending by design until it is due).
    await waitFor('the outbox to drain', async () =>
      (await listDeliveries(t.relay.db, { status: 'pending', sessionId, limit: 100 })).every((d) => d.channel === 'timer'),
    );
    // From here this test is the only worker: it claims the lines itself and runs the handlers by hand.
    await t.relay.worker!.stop();
  });
  afterAll(() => t?.stop());

  const post = async (id: string, text: string) => {
    const res = await t.api('POST', `/v1/sessions/${sessionId}/messages`, { id, role: 'user', text, createdAt: new Date().toISOString() });
    expect(res.status).toBe(202);
  };
  /** Claims the session's first pending line and relays it with the given gather window; returns the sleeps asked for. */
  const relayHead = async (lineGatherMs: number, duringGather: () => Promise<void>) => {
    const sleeps: number[] = [];
    const handlers = createRelayHandlers({
      db: t.relay.db,
      masterKey: t.relay.masterKey,
      helpdeskFor: async () => desk.helpdesk,
      lineGatherMs,
      sleep: async (ms) => {
        sleeps.push(ms);
        await duringGather();
      },
    });
    const claimed = (await claimDue(t.relay.db, 'w_test', 10, 60_000)).filter((d) => d.channel !== 'timer');
    expect(claimed.map((d) => d.kind)).toEqual(['ticket.end_user_message']);
    const outcome = await handlers.handle(claimed[0]!);
    await t.relay.db.transaction(async (tx) => {
      expect(await markDelivered(tx, claimed[0]!.id, 'w_test', outcome.status ?? null)).toBe(true);
      await outcome.commit?.(tx);
    });
    return sleeps;
  };
  const comments = () => desk.ticketOf(sessionId)!.comments.filter((c) => c.kind === 'end_user').map((c) => c.text);

  it('carries the lines committed during the gather window in the first line’s comment', async () => {
    await post('g1', 'first half 1');
    await post('g2', 'first half 2');
    const sleeps = await relayHead(1_000, () => post('g3', 'second half'));
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(1_000);
    expect(comments()).toEqual(['first half 1\n\nfirst half 2\n\nsecond half']);
  });

  it('does not wait when the window is off, and a line committed later gets its own comment', async () => {
    await post('h1', 'alone');
    const sleeps = await relayHead(0, async () => {});
    expect(sleeps).toEqual([]);
    await post('h2', 'later');
    await relayHead(0, async () => {});
    expect(comments().slice(-2)).toEqual(['alone', 'later']);
  });
});
