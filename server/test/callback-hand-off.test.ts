import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { claimDue, enqueue, listDeliveries } from '../store/deliveries.js';
import { claimOwnPlatformDeliveries } from '../store/delivery-hand-off.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('callback-hand-off.test.ts');

/**
 * The relay hop's hand-off (issue #16): the transaction that relays an agent reply from its comment_added event
 * leases the callbacks it queued to this relay's worker, which sends them right after the commit. Each still
 * goes out once, in the session's order, and a lease whose relay vanished is delivered by another worker.
 */
describe.each(BACKENDS)('callback hand-off on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' } });
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

  const quiet = () =>
    waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`);
      return rows[0]!.n === 0;
    }, 30_000);
  const handOff = async () => {
    const body = handoffBody();
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;
    await waitFor('handoff.accepted', () => t.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id));
    await quiet();
    const ticketId = Number((await t.api('GET', `/v1/sessions/${id}`)).body.session.ticket.id);
    return { id, ticketId };
  };
  const platformRows = async (sessionId: string) =>
    (await listDeliveries(t.relay.db, { sessionId, limit: 100 })).filter((d) => d.channel === 'platform');

  it('sends a reply’s callbacks once each, in order, claimed by this relay’s worker', async () => {
    const { id, ticketId } = await handOff();
    const before = new Set((await platformRows(id)).map((d) => d.id));
    await z.agentReply(ticketId, { body: 'Handed straight over.', public: true });
    await waitFor('the reply', () => t.receiver.unique().some((e) => e.type === 'message.created' && e.data.sessionId === id));
    await quiet();
    const fresh = (await platformRows(id)).filter((d) => !before.has(d.id));
    expect(fresh.map((d) => d.kind)).toEqual(['session.state_changed', 'message.created']);
    const { rows } = await t.relay.db.query<{ id: string; locked_by: string; attempts: number }>(
      `SELECT id, locked_by, attempts FROM deliveries WHERE id = ANY($1::text[])`,
      [fresh.map((d) => d.id)],
    );
    expect(rows.every((r) => r.locked_by === t.relay.worker!.id && Number(r.attempts) === 1)).toBe(true);
    // Each sent once (not also claimed by the poll), and in the order queued.
    const sent = t.receiver.received.filter((r) => fresh.some((d) => d.id === r.id)).map((r) => r.type);
    expect(sent).toEqual(['session.state_changed', 'message.created']);
  });

  it('gives the rest back when a callback fails, and they follow its retry in order', async () => {
    const { id, ticketId } = await handOff();
    const earlier = new Set(t.receiver.received.map((r) => r.id));
    t.receiver.failNext(1); // the first callback of the reply (the session's move to human)
    await z.agentReply(ticketId, { body: 'After a retry.', public: true });
    await z.agentReply(ticketId, { body: 'And one more.', public: true });
    await waitFor('both replies', () => t.receiver.unique().filter((e) => e.type === 'message.created' && e.data.sessionId === id).length === 2, 30_000);
    await quiet();
    const order = t.receiver
      .unique()
      .filter((e) => !earlier.has(e.id) && e.data.sessionId === id && (e.type === 'message.created' || e.type === 'session.state_changed'))
      .map((e) => (e.type === 'message.created' ? (e.data.message as { text: string }).text : e.type));
    expect(order).toEqual(['session.state_changed', 'After a retry.', 'And one more.']);
    const rows = await platformRows(id);
    expect(rows.every((d) => d.status === 'delivered')).toBe(true);
  });

  it('leaves a lease whose relay vanished to any worker once it runs out, and it is delivered once', async () => {
    const sessionId = `ses_vanished${Date.now()}`;
    const claimed = await t.relay.db.transaction(async (tx) => {
      await enqueue(tx, [{ tenantId: t.tenantId, agentId: t.agentId, sessionId, channel: 'platform', kind: 'message.created', payload: { sessionId } }]);
      return (await claimOwnPlatformDeliveries(tx, sessionId, 'w_vanished', 500)).claimed;
    });
    expect(claimed).toHaveLength(1);
    // While the lease lasts, no other claim takes the row (this relay's worker polls all along).
    const mine = (rows: Awaited<ReturnType<typeof claimDue>>) => rows.filter((r) => r.sessionId === sessionId);
    expect(mine(await claimDue(t.relay.db, 'w_other', 50, 60_000))).toHaveLength(0);
    // The relay that claimed it never sends it: once the lease runs out, this relay's worker delivers it, once.
    const id = claimed[0]!.id;
    await waitFor('the delivery', async () => (await listDeliveries(t.relay.db, { sessionId, limit: 10 }))[0]?.status === 'delivered');
    expect(t.receiver.received.filter((r) => r.id === id)).toHaveLength(1);
  });

  it('claims nothing while the session has an older pending callback', async () => {
    const sessionId = `ses_older${Date.now()}`;
    const row = { tenantId: t.tenantId, agentId: 'agt_gone', sessionId, channel: 'platform' as const, kind: 'message.created', payload: {} };
    // An older row, due later (a retry waiting): the worker's claim would not take it yet either.
    await t.relay.db.transaction(async (tx) => {
      const [older] = await enqueue(tx, [row]);
      await tx.query(`UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [older]);
    });
    const claimed = await t.relay.db.transaction(async (tx) => {
      await enqueue(tx, [row]);
      return (await claimOwnPlatformDeliveries(tx, sessionId, 'w_me', 60_000)).claimed;
    });
    expect(claimed).toHaveLength(0);
    await t.relay.db.query(`DELETE FROM deliveries WHERE session_id = $1`, [sessionId]);
  });
});
