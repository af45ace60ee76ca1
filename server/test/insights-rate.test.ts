import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

const DAY_MS = 86_400_000;

/**
 * The handoff rate is a share of conversations (never above 100 %), and a ticket shows once among a knowledge
 * gap's examples: the two things an admin read wrong ("125 % of 4 conversations", "#1007#1007").
 */
describe('insights that read right', () => {
  let t: TestRelay;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk, env: { INSIGHTS_ROLLUP_INTERVAL_MS: '0' } });
  });
  afterAll(() => t?.stop());

  const handOff = async (conversationId: string) => (await t.api('POST', '/v1/handoffs', handoffBody({ conversationId }), { 'idempotency-key': randomUUID() })).body.session.id as string;

  it('counts conversations that began before the period once, so the rate stays a share of conversations', async () => {
    // Two conversations the AI has been having for weeks are handed off today; one new conversation never is.
    for (const id of ['old-a', 'old-b']) {
      await t.relay.db.query(`INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at) VALUES ($1, $2, $3, $4)`, [t.agentId, id, t.tenantId, new Date(Date.now() - 40 * DAY_MS)]);
    }
    expect((await t.api('POST', '/v1/conversations/new-c/evaluate', { turn: { text: 'Where is my parcel?' } })).status).toBe(200);
    const a = await handOff('old-a');
    const b = await handOff('old-b');

    const report = (await t.api('GET', '/v1/insights')).body;
    // Before: 2 handoffs of 1 conversation first seen in the period = 200 %.
    expect(report.summary).toMatchObject({ handoffs: 2, handedOffConversations: 2, conversations: 3 });
    expect(report.summary.handoffRate).toBeCloseTo(2 / 3, 9);

    // A re-escalation that continues on the earlier ticket: the ticket is one example, not two.
    await t.relay.db.query(`UPDATE sessions SET ticket_id = '1007' WHERE id = ANY($1::text[])`, [[a, b]]);
    const gaps = (await t.api('GET', '/v1/insights')).body.gaps as Array<{ key: string; examples: Array<{ ticketId: string }> }>;
    expect(gaps.find((g) => g.key === 'customer_request')!.examples.map((e) => e.ticketId)).toEqual(['1007']);
  });
});
