import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWaitingPatch, DEFAULT_WAITING_SETTINGS } from '../core/waiting-settings.js';
import { planWaitingChange } from '../core/waiting-plan.js';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { afterTransition } from '../relay/waiting.js';
import { lockSessions, writeEventBatch } from '../store/event-batch.js';
import { saveWaitingSettings } from '../store/waiting.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('waiting-estimate.test.ts');

/** Friday 16:30 in Berlin (CEST), the last open hour of the emulator's default Monday–Friday 09:00–17:00 schedule. */
const FRIDAY_1630 = Date.parse('2027-06-04T14:30:00Z');
/** The Monday after, 09:10 Berlin: 40 business minutes, 64 h 40 min of wall clock after the handoff. */
const MONDAY_0910 = Date.parse('2027-06-07T07:10:00Z');
const WEEK_MS = 7 * 86_400_000;
/** A Wednesday 10:00 in Berlin (CEST), inside opening hours, in an hour of the week no other test here hands off in. */
const WEDNESDAY_1000 = Date.parse('2027-06-02T08:00:00Z');

/**
 * A relay on `backend` against the emulator (provisioned, estimate from 3 samples) whose clock is `now()`, and a
 * handoff helper that waits for its handoff.accepted. `schedule`: the emulator's account has a Berlin schedule.
 */
function estimateWorld(backend: (typeof BACKENDS)[number], now: () => number, opts: { schedule?: boolean } = {}) {
  const world = { z: undefined as unknown as ZendeskEmulator, t: undefined as unknown as TestRelay };
  beforeAll(async () => {
    world.z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    world.z.addApiToken('admin@acme.test', 'dev-token');
    if (opts.schedule) world.z.schedules.add({ name: 'Berlin', time_zone: 'Berlin' });
    world.t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' }, overrides: { now: () => new Date(now()) } });
    const { t, z } = world;
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    await saveWaitingSettings(t.relay.db, t.agentId, applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { estimateMinSamples: 3 }));
  });
  afterAll(async () => {
    await world.t?.stop();
    await world.z?.stop();
  });
  const handOff = async () => {
    const { t } = world;
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id = res.body.session.id as string;
    const accepted = await waitFor('handoff.accepted', () => t.receiver.unique().find((e) => e.data.sessionId === id && e.type === 'handoff.accepted'));
    return { id, accepted: accepted.data };
  };
  return { world, handOff };
}

/**
 * The wait estimate of a Friday-afternoon customer comes from earlier Friday-afternoon handoffs: those answered after
 * the weekend must count the team's open time (40 minutes), not the weekend (64 hours). Handoffs go through the relay
 * against the emulator's Business Hours API with an injected clock; first replies are recorded by the relay's own
 * write paths (the one-event afterTransition and the batched writeEventBatch), at a chosen instant, since the reply's
 * time is the relay's real clock otherwise.
 */
describe.each(BACKENDS)('the wait estimate on business hours, on %s', (backend) => {
  let clock = FRIDAY_1630;
  const { world, handOff } = estimateWorld(backend, () => clock, { schedule: true });

  it('a Friday 16:30 handoff answered on Monday is a 40-minute sample, so the next Friday 16:30 customer hears 40 minutes, not the weekend', async () => {
    clock = FRIDAY_1630;
    const earlier = [await handOff(), await handOff(), await handOff()];
    expect(earlier[0]!.accepted).toMatchObject({ withinBusinessHours: true, estimatedWaitSeconds: null });
    const at = new Date(MONDAY_0910);
    // Two answered through the one-event path (relay/session-events.ts → afterTransition)…
    for (const s of earlier.slice(0, 2)) await world.t.relay.db.transaction((tx) => afterTransition(tx, s.id, 'waiting', 'human', at));
    // …and one through the batched path of Zendesk comment events (zendesk/event-batch.ts: lock, plan, write).
    const batched = earlier[2]!.id;
    await world.t.relay.db.transaction(async (tx) => {
      const w = (await lockSessions(tx, [batched])).get(batched)!.waiting!;
      const change = planWaitingChange(w, { moved: { from: 'waiting', to: 'human' }, agentAnswered: true }, at);
      await writeEventBatch(tx, { changes: [], replies: [], waiting: [{ sessionId: batched, ...change }], eventComments: [] });
    });
    clock = FRIDAY_1630 + WEEK_MS;
    const next = await handOff();
    expect(next.accepted).toMatchObject({ withinBusinessHours: true, estimatedWaitSeconds: 40 * 60, estimateSampleSize: 3 });
    expect(next.accepted.handoffMessage).toMatch(/about 40 minutes/);
    // Both write paths stored the sample with the reply, so the estimate never recomputes a schedule.
    const { rows } = await world.t.relay.db.query<{ session_id: string; first_reply_business_seconds: number | null }>(
      'SELECT session_id, first_reply_business_seconds FROM session_waiting WHERE session_id = ANY($1::text[]) ORDER BY session_id',
      [earlier.map((s) => s.id)],
    );
    expect(rows.map((r) => Number(r.first_reply_business_seconds))).toEqual([2400, 2400, 2400]);
  });

  it('counts customers still unanswered: three replies within a minute and four customers waiting 40 minutes tell the next one 40 minutes, not 1', async () => {
    clock = WEDNESDAY_1000;
    const answered = [await handOff(), await handOff(), await handOff()];
    for (let i = 0; i < 4; i++) await handOff();
    const at = new Date(WEDNESDAY_1000 + 60_000);
    for (const s of answered) await world.t.relay.db.transaction((tx) => afterTransition(tx, s.id, 'waiting', 'human', at));
    clock = WEDNESDAY_1000 + 40 * 60_000;
    const next = await handOff();
    // Four of seven still waiting at 40 minutes: more than half wait longer than any reply seen, so 40 minutes is a lower bound.
    expect(next.accepted).toMatchObject({ withinBusinessHours: true, estimatedWaitSeconds: 40 * 60, estimateSampleSize: 3 });
    expect(next.accepted.handoffMessage).toMatch(/about 40 minutes/);
  });
});

/**
 * Customers who stopped waiting before anyone answered (they left, or the AI took them back) are censored samples: a
 * customer who gave up after 40 minutes waited at least 40 minutes. The relay ends them on its real clock, so here the
 * handoffs are accepted (the injected clock) 40 minutes before the test ends them for real, and no schedule applies.
 */
describe.each(BACKENDS)('the wait estimate counts customers who left unanswered, on %s', (backend) => {
  const acceptedAt = Date.now() - 40 * 60_000;
  const { world, handOff } = estimateWorld(backend, () => acceptedAt);

  it('three replies within a minute and four customers who left after 40 minutes unanswered tell the next one 40 minutes, not 1', async () => {
    const answered = [await handOff(), await handOff(), await handOff()];
    const gaveUp = [await handOff(), await handOff(), await handOff(), await handOff()];
    const at = new Date(acceptedAt + 60_000);
    for (const s of answered) await world.t.relay.db.transaction((tx) => afterTransition(tx, s.id, 'waiting', 'human', at));
    // Forty minutes after their handoff: the platform ends two conversations (the customer left), and an agent
    // solves the other two tickets without a word to the customer, which returns them to the AI.
    for (const s of gaveUp.slice(0, 2)) expect((await world.t.api('POST', `/v1/sessions/${s.id}/end`, { reason: 'customer left' })).status).toBe(200);
    for (const s of gaveUp.slice(2)) await world.z.setStatus(Number(s.accepted.ticketId), 'solved');
    for (const s of gaveUp.slice(2)) {
      await waitFor('returned to the AI', async () => (await world.t.api('GET', `/v1/sessions/${s.id}`)).body.session.state === 'returned');
    }
    const next = await handOff();
    // Four of seven left at 40 minutes (and the seconds this test took) with no answer: more than half waited longer
    // than any reply seen, so the longest of those waits is the estimate, a lower bound.
    expect(next.accepted).toMatchObject({ estimateSampleSize: 3 });
    expect(next.accepted.estimatedWaitSeconds).toBeGreaterThanOrEqual(40 * 60);
    expect(next.accepted.estimatedWaitSeconds).toBeLessThan(45 * 60);
    expect(next.accepted.handoffMessage).toMatch(/about 4[0-4] minutes/);
  });
});

