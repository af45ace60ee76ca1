import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { createAgent, createApiKey, rotateAppSecret } from '../relay/admin.js';
import { relinkHandoffs } from '../store/handoff-links.js';
import type { ZendeskEmulator } from '../zendesk-emu/index.js';
import type { Plan, PlannedHandoff } from './insights-plan.js';
import { waitFor, type TestRelay } from './harness.js';

export interface SeededAgent {
  agentId: string;
  apiKey: string;
}

/** Calls the relay as one AI agent (its own API key). */
export function agentCall(relayUrl: string, apiKey: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${relayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

/** The test relay's agent plus `extra` more AI agents of the same tenant, each with a key. */
export async function seedAgents(t: TestRelay, extra: number, callbackUrl: string): Promise<SeededAgent[]> {
  const agents: SeededAgent[] = [{ agentId: t.agentId, apiKey: t.apiKey }];
  for (let i = 0; i < extra; i++) {
    const agent = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: `Bot ${i + 2}`, callbackUrl });
    agents.push({ agentId: agent.agentId, apiKey: (await createApiKey(t.relay.db, { agentId: agent.agentId })).apiKey });
  }
  return agents;
}

/** A token like the one Zendesk's proxy signs for the app (secure shared_secret setting). */
export async function appToken(t: TestRelay): Promise<string> {
  const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
  return new SignJWT({ tenant: t.tenantId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setAudience(t.url).setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

const stateOf = async (t: TestRelay, call: ReturnType<typeof agentCall>, id: string) => (await call('GET', `/v1/sessions/${id}`)).body.session.state as string;

/**
 * Plays the plan through the real API and the emulator ("agents" reply and solve in Zendesk), then
 * re-times what the relay stamped with its clock to the planned moments, spreading the month that
 * really took seconds. Only the times move: which milestones exist is what the relay recorded.
 */
export async function drivePlan(t: TestRelay, z: ZendeskEmulator, plan: Plan, agents: SeededAgent[], token: string): Promise<void> {
  const calls = agents.map((a) => agentCall(t.url, a.apiKey));
  const run = async (h: PlannedHandoff) => {
    const call = calls[h.agent]!;
    const startHandoff = {
      endUser: { id: h.customerId, name: `Customer ${h.customerId}`, email: `${h.customerId}@example.com`, ...(h.locale ? { locale: h.locale } : {}) },
      transcript: [{ id: 'm1', role: 'user', text: `Help with ${h.intent ?? 'something'}`, createdAt: h.at.toISOString() }],
      summary: `${h.intent ?? 'Question'} for ${h.customerId}`,
      signals: h.intent ? { intent: h.intent } : {},
    };
    const key = { 'idempotency-key': randomUUID() };
    const res = h.path === 'direct'
      ? await call('POST', '/v1/handoffs', { ...startHandoff, conversationId: h.conversationId, reason: { code: h.reason } }, key)
      : await call('POST', `/v1/conversations/${h.conversationId}/evaluate`, {
          turn: h.path === 'human' ? { text: 'I want to talk to a person' } : { text: 'refund please', trigger: { name: 'refund_over_limit' } },
          startHandoff,
        }, key);
    if (!res.body?.session) throw new Error(`handoff refused: ${res.status} ${res.text}`);
    h.sessionId = res.body.session.id as string;
    if (h.outcome === 'failed') return;
    const ticket = await waitFor('ticket', () => z.tickets().find((x) => x.external_id === `baton:${h.sessionId}`), 20_000);
    h.ticketId = String(ticket.id);
    if (h.outcome === 'solved' || h.outcome === 'replied') {
      await waitFor('waiting', async () => (await stateOf(t, call, h.sessionId!)) === 'waiting', 20_000);
      await z.agentReply(ticket.id, { body: 'On it.', public: true, agentName: 'Sam' });
      await waitFor('human', async () => (await stateOf(t, call, h.sessionId!)) === 'human', 20_000);
    }
    if (h.outcome === 'solved') await z.setStatus(ticket.id, 'solved');
    if (h.outcome === 'returned') {
      await waitFor('waiting', async () => (await stateOf(t, call, h.sessionId!)) === 'waiting', 20_000);
      const r = await fetch(`${t.url}/app/v1/sessions/${h.sessionId}/return-to-ai`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      if (r.status !== 200) throw new Error(`return to AI: ${r.status}`);
    }
    if (h.outcome === 'solved' || h.outcome === 'returned') {
      await waitFor('returned', async () => (await stateOf(t, call, h.sessionId!)) === 'returned', 20_000);
    }
  };

  const live = plan.handoffs.filter((h) => h.outcome !== 'failed');
  for (let i = 0; i < live.length; i += 8) await Promise.all(live.slice(i, i + 8).map(run));
  // Failed handoffs one at a time while Zendesk refuses every ticket request (the retries run out).
  for (const h of plan.handoffs.filter((x) => x.outcome === 'failed')) {
    z.faults.failNext(1_000, { status: 500, pathPrefix: '/api/v2/tickets' });
    await run(h);
    await waitFor('failed', async () => (await stateOf(t, calls[h.agent]!, h.sessionId!)) === 'failed', 20_000);
    z.faults.reset();
  }
  for (let i = 0; i < plan.conversations.length; i += 16) {
    await Promise.all(plan.conversations.slice(i, i + 16).map(async (c) => {
      for (let n = 0; n < c.evaluations; n++) {
        const res = await calls[c.agent]!('POST', `/v1/conversations/${c.conversationId}/evaluate`, { turn: { text: 'Where is my parcel?', signals: { confidence: 0.95 } } });
        if (res.status !== 200 || res.body.decision.handoff) throw new Error(`evaluate: ${res.status} ${res.text}`);
      }
    }));
  }

  const db = t.relay.db;
  for (const h of plan.handoffs) {
    const shift = (s: number | null) => (s === null ? null : new Date(h.at.getTime() + s * 1000));
    await db.query(
      `UPDATE sessions SET created_at = $2,
         first_reply_at = CASE WHEN first_reply_at IS NULL THEN NULL ELSE $3::timestamptz END,
         returned_at = CASE WHEN returned_at IS NULL THEN NULL ELSE $4::timestamptz END WHERE id = $1`,
      [h.sessionId, h.at, shift(h.replyAfterS), shift(h.solveAfterS)],
    );
  }
  for (const c of [...plan.handoffs, ...plan.conversations]) {
    await db.query(`UPDATE conversations_seen SET first_seen_at = $3 WHERE agent_id = $1 AND conversation_id = $2`, [agents[c.agent]!.agentId, c.conversationId, c.at]);
  }
  // What each handoff noted about its conversation's earlier handoffs and first sighting, at the planned moments too.
  await relinkHandoffs(db, t.tenantId);
}
