import { describe, expect, it } from 'vitest';
import { claimDue, enqueue, listDeliveries } from '../store/deliveries.js';
import { claimOwnPlatformDeliveries } from '../store/delivery-hand-off.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('callback-hand-off.test.ts');

/**
 * The relay hop's hand-off (issue #16): the transaction that relays an agent reply from its comment_added event
 * leases the callbacks it queued to this relay's worker, which sends them right after the commit. Each still
 * goes out once, in the session's order, and a lease whose relay vanished is delivered by another worker.
 */
describe.each(BACKENDS)('callback hand-off on %s', (backend) => {
  const w = useZendeskWorld(backend);
  const handOff = () => w.handOff(undefined, { settle: true });
  const platformRows = async (sessionId: string) =>
    (await listDeliveries(w.t.relay.db, { sessionId, limit: 100 })).filter((d) => d.channel === 'platform');

  it('sends a reply’s callbacks once each, in order, claimed by this relay’s worker', async () => {
    const { id, ticketId } = await handOff();
    const before = new Set((await platformRows(id)).map((d) => d.id));
    await w.z.agentReply(ticketId, { body: 'Handed straight over.', public: true });
    await waitFor('the reply', () => w.t.receiver.unique().some((e) => e.type === 'message.created' && e.data.sessionId === id));
    await w.quiet();
    const fresh = (await platformRows(id)).filter((d) => !before.has(d.id));
    expect(fresh.map((d) => d.kind)).toEqual(['session.state_changed', 'message.created']);
    const { rows } = await w.t.relay.db.query<{ id: string; locked_by: string; attempts: number }>(
      `SELECT id, locked_by, attempts FROM deliveries WHERE id = ANY($1::text[])`,
      [fresh.map((d) => d.id)],
    );
    expect(rows.every((r) => r.locked_by === w.t.relay.worker!.id && Number(r.attempts) === 1)).toBe(true);
    // Each sent once (not also claimed by the poll), and in the order queued.
    const sent = w.t.receiver.received.filter((r) => fresh.some((d) => d.id === r.id)).map((r) => r.type);
    expect(sent).toEqual(['session.state_changed', 'message.created']);
  });

  it('gives the rest back when a callback fails, and they follow its retry in order', async () => {
    const { id, ticketId } = await handOff();
    const earlier = new Set(w.t.receiver.received.map((r) => r.id));
    w.t.receiver.failNext(1); // the first callback of the reply (the session's move to human)
    await w.z.agentReply(ticketId, { body: 'After a retry.', public: true });
    await w.z.agentReply(ticketId, { body: 'And one more.', public: true });
    await waitFor('both replies', () => w.t.receiver.unique().filter((e) => e.type === 'message.created' && e.data.sessionId === id).length === 2, 30_000);
    await w.quiet();
    const order = w.t.receiver
      .unique()
      .filter((e) => !earlier.has(e.id) && e.data.sessionId === id && (e.type === 'message.created' || e.type === 'session.state_changed'))
      .map((e) => (e.type === 'message.created' ? (e.data.message as { text: string }).text : e.type));
    expect(order).toEqual(['session.state_changed', 'After a retry.', 'And one more.']);
    const rows = await platformRows(id);
    expect(rows.every((d) => d.status === 'delivered')).toBe(true);
  });

  it('leaves a lease whose relay vanished to any worker once it runs out, and it is delivered once', async () => {
    const sessionId = `ses_vanished${Date.now()}`;
    const claimed = await w.t.relay.db.transaction(async (tx) => {
      await enqueue(tx, [{ tenantId: w.t.tenantId, agentId: w.t.agentId, sessionId, channel: 'platform', kind: 'message.created', payload: { sessionId } }]);
      return (await claimOwnPlatformDeliveries(tx, sessionId, 'w_vanished', 500)).claimed;
    });
    expect(claimed).toHaveLength(1);
    // While the lease lasts, no other claim takes the row (this relay's worker polls all along).
    const mine = (rows: Awaited<ReturnType<typeof claimDue>>) => rows.filter((r) => r.sessionId === sessionId);
    expect(mine(await claimDue(w.t.relay.db, 'w_other', 50, 60_000))).toHaveLength(0);
    // The relay that claimed it never sends it: once the lease runs out, this relay's worker delivers it, once.
    const id = claimed[0]!.id;
    await waitFor('the delivery', async () => (await listDeliveries(w.t.relay.db, { sessionId, limit: 10 }))[0]?.status === 'delivered');
    expect(w.t.receiver.received.filter((r) => r.id === id)).toHaveLength(1);
  });

  it('claims nothing while the session has an older pending callback', async () => {
    const sessionId = `ses_older${Date.now()}`;
    const row = { tenantId: w.t.tenantId, agentId: 'agt_gone', sessionId, channel: 'platform' as const, kind: 'message.created', payload: {} };
    // An older row, due later (a retry waiting): the worker's claim would not take it yet either.
    await w.t.relay.db.transaction(async (tx) => {
      const [older] = await enqueue(tx, [row]);
      await tx.query(`UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [older]);
    });
    const claimed = await w.t.relay.db.transaction(async (tx) => {
      await enqueue(tx, [row]);
      return (await claimOwnPlatformDeliveries(tx, sessionId, 'w_me', 60_000)).claimed;
    });
    expect(claimed).toHaveLength(0);
    await w.t.relay.db.query(`DELETE FROM deliveries WHERE session_id = $1`, [sessionId]);
  });
});
