import { createServer } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createBatonClient, type BatonClient, type BatonEvent } from '../../sdk/src/index.js';
import { createAgent, createApiKey } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { HandoffRequestSchema } from '../http/schemas.js';
import { handoffBody as untypedHandoffBody, waitFor } from './harness.js';
import { useZendeskWorld } from './zendesk-world.js';

warnIfPostgresSkipped('sdk.test.ts');

/** The harness body, parsed by the relay's own schema so it has the SDK's (generated) request type. */
const handoffBody = (overrides: Record<string, unknown> = {}) => HandoffRequestSchema.parse(untypedHandoffBody(overrides));

/** The AI platform's webhook endpoint as the README shows it: raw body + headers into client.verifyWebhook. */
async function startPlatformEndpoint(client: () => BatonClient) {
  const events: BatonEvent[] = [];
  const refused: string[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      try {
        events.push(client().verifyWebhook(raw, req.headers));
        res.writeHead(204).end();
      } catch (e) {
        refused.push(String(e));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, events, refused, close: () => new Promise((r) => server.close(r)) };
}

/** The SDK against a real relay (real sockets, real database, the Zendesk emulator behind it). */
describe.each(BACKENDS)('the TypeScript SDK against a relay on %s', (backend) => {
  const w = useZendeskWorld(backend);
  let baton: BatonClient;
  let agentId = '';
  let endpoint: Awaited<ReturnType<typeof startPlatformEndpoint>>;
  beforeAll(async () => {
    endpoint = await startPlatformEndpoint(() => baton);
    const agent = await createAgent(w.t.relay.db, w.t.relay.masterKey, { tenantId: w.t.tenantId, name: 'SDK bot', callbackUrl: endpoint.url });
    agentId = agent.agentId;
    const { apiKey } = await createApiKey(w.t.relay.db, { agentId });
    baton = createBatonClient({ apiKey, baseUrl: w.t.url, webhookSecret: agent.webhookSecret });
  });
  afterAll(async () => {
    await endpoint?.close();
  });
  const eventsOf = (conversationId: string) => endpoint.events.filter((e) => 'conversationId' in e.data && e.data.conversationId === conversationId);

  it('hands off, forwards the customer, receives the agent reply as a verified typed event, and ends', async () => {
    const body = handoffBody();
    const first = await baton.handoffs.create(body, { idempotencyKey: `k-${body.conversationId}` });
    expect(first).toMatchObject({ created: true, session: { conversationId: body.conversationId, state: 'pending', priority: 'high' } });
    const replay = await baton.handoffs.create(body, { idempotencyKey: `k-${body.conversationId}` });
    expect(replay.session.id).toBe(first.session.id);
    const again = await baton.handoffs.create(body); // a new key, but the conversation already has an open session
    expect(again).toMatchObject({ created: false, session: { id: first.session.id } });

    const accepted = await waitFor('handoff.accepted', () => eventsOf(body.conversationId).find((e) => e.type === 'handoff.accepted'), 20_000);
    if (accepted.type !== 'handoff.accepted') throw new Error('narrowing');
    const posted = await baton.sessions.postMessage(first.session.id, { id: 'm4', role: 'user', text: 'Still there?', createdAt: new Date().toISOString() });
    expect(posted).toMatchObject({ duplicate: false, message: { text: 'Still there?' } });
    expect((await baton.sessions.postMessage(first.session.id, { id: 'm4', role: 'user', text: 'Still there?', createdAt: posted.message.createdAt })).duplicate).toBe(true);

    await w.z.agentReply(Number(accepted.data.ticketId), { body: 'Hi Jane, Sam here. Checking order 88213.', public: true, agentName: 'Sam Support' });
    const reply = await waitFor('the reply', () => eventsOf(body.conversationId).find((e) => e.type === 'message.created'), 20_000);
    if (reply.type !== 'message.created') throw new Error('narrowing');
    expect(reply.data.message).toMatchObject({ role: 'agent', text: expect.stringContaining('Sam here'), authorName: 'Sam Support' });
    expect(endpoint.refused).toEqual([]);

    const detail = await baton.sessions.get(first.session.id);
    expect(detail.session.transcript?.map((m) => m.id)).toContain('m4');
    const listed = await baton.sessions.list({ conversationId: body.conversationId });
    expect(listed.sessions.map((s) => s.id)).toEqual([first.session.id]);
    const ended = await baton.sessions.end(first.session.id, { reason: 'customer left' });
    expect(ended.session.state).toBe('ended');
  }, 90_000);

  it('sends events whose bodies match the webhook schemas the SDK types come from (states and causes included)', async () => {
    // The SDK's event types are generated from /openapi.json's webhooks: a value outside them would make those types lie.
    const doc = (await (await fetch(`${w.t.url}/openapi.json`)).json()) as { webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { schema: object } } } } }> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(doc as object, 'openapi.json');
    const body = handoffBody();
    const { session } = await baton.handoffs.create(body);
    const accepted = await waitFor('handoff.accepted', () => eventsOf(body.conversationId).find((e) => e.type === 'handoff.accepted'), 20_000);
    if (accepted.type !== 'handoff.accepted') throw new Error('narrowing');
    await w.z.agentReply(Number(accepted.data.ticketId), { body: 'Sam here, on it.', public: true, agentName: 'Sam Support' });
    await waitFor('the reply', () => eventsOf(body.conversationId).find((e) => e.type === 'message.created'), 20_000);
    await w.z.setStatus(Number(accepted.data.ticketId), 'solved');
    const returned = await waitFor('session.returned', () => eventsOf(body.conversationId).find((e) => e.type === 'session.returned'), 20_000);
    expect(returned.data).toMatchObject({ sessionId: session.id, cause: 'ticket_solved' });
    const again = await baton.handoffs.create(body); // the conversation again, then the platform ends it
    await baton.sessions.end(again.session.id, { reason: 'customer left' });
    await waitFor('ended', () => eventsOf(body.conversationId).find((e) => e.type === 'session.state_changed' && e.data.to === 'ended'), 20_000);
    const events = eventsOf(body.conversationId);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['handoff.accepted', 'session.state_changed', 'message.created', 'session.returned']));
    for (const event of events) {
      const pointer = `openapi.json#/webhooks/${event.type}/post/requestBody/content/application~1json/schema`;
      expect(ajv.validate({ $ref: pointer }, event) ? [] : ajv.errors, `${event.type} ${JSON.stringify(event.data)}`).toEqual([]);
    }
    // The check bites: a cause the document does not name is refused.
    const bogus = { ...returned, data: { ...returned.data, cause: 'ticket_vanished' } };
    expect(ajv.validate({ $ref: 'openapi.json#/webhooks/session.returned/post/requestBody/content/application~1json/schema' }, bogus)).toBe(false);
  }, 90_000);

  it('says whether evaluate started the handoff or found the conversation\'s open one (created)', async () => {
    // A platform evaluating each turn must know whether to tell the customer "connecting you" again: POST /v1/handoffs
    // says created: false for an open session, evaluate said nothing.
    const conversationId = `eval-open-${Date.now()}`;
    const turn = {
      turn: { text: 'I want to talk to a person', language: 'en' },
      startHandoff: { endUser: { id: 'u-open' }, transcript: [{ id: 'o1', role: 'user' as const, text: 'I want to talk to a person', createdAt: new Date().toISOString() }] },
    };
    const first = await baton.conversations.evaluate(conversationId, turn);
    const second = await baton.conversations.evaluate(conversationId, { ...turn, turn: { ...turn.turn, text: 'A person please, now' } });
    expect(second.session?.id).toBe(first.session?.id);
    expect([first.created, second.created, second.decision.handoff]).toEqual([true, false, true]);
    const replay = await baton.conversations.evaluate(conversationId, turn, { idempotencyKey: `open-${conversationId}` });
    const again = await baton.conversations.evaluate(conversationId, turn, { idempotencyKey: `open-${conversationId}` });
    expect([replay.created, again.created, again.replayed]).toEqual([false, false, true]);
  });

  it("throws typed errors carrying the relay's code and details", async () => {
    const missing = await baton.sessions.get('ses_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BatonApiError);
    expect(missing).toMatchObject({ status: 404, code: 'session_not_found' });
    const invalid = await baton.handoffs.create({ ...handoffBody(), endUser: { id: '' } }).catch((e: unknown) => e); // typed right, too short for the relay
    expect(invalid).toMatchObject({ status: 422, code: 'validation_failed', details: { issues: [expect.objectContaining({ path: 'endUser.id' })] } });
    const stranger = createBatonClient({ apiKey: 'bk_not_a_key', baseUrl: w.t.url });
    await expect(stranger.sessions.list()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('says whether a keyed call was answered from its Idempotency-Key\'s first answer (replayed)', async () => {
    const body = handoffBody();
    const first = await baton.handoffs.create(body, { idempotencyKey: `r-${body.conversationId}` });
    const replay = await baton.handoffs.create(body, { idempotencyKey: `r-${body.conversationId}` });
    const open = await baton.handoffs.create(body); // a new key: the open session, but not a replay
    expect([first, replay, open].map((r) => [r.created, r.replayed])).toEqual([[true, false], [true, true], [false, false]]);
    expect(replay.session.id).toBe(first.session.id);

    const conversationId = `replay-${Date.now()}`;
    const turn = {
      turn: { text: 'I want to talk to a person', language: 'en' },
      startHandoff: { endUser: { id: 'u-replay' }, transcript: [{ id: 'r1', role: 'user' as const, text: 'I want to talk to a person', createdAt: new Date().toISOString() }] },
    };
    const started = await baton.conversations.evaluate(conversationId, turn, { idempotencyKey: `e-${conversationId}` });
    const again = await baton.conversations.evaluate(conversationId, turn, { idempotencyKey: `e-${conversationId}` });
    const plain = await baton.conversations.evaluate(conversationId, { turn: turn.turn });
    expect([started.replayed, again.replayed, plain.replayed]).toEqual([false, true, false]);
    expect(again.session).toMatchObject({ id: (started.session as { id: string }).id });
  });

  it('covers evaluation, instructions, insights and rules', async () => {
    const conversationId = `eval-${Date.now()}`;
    const decided = await baton.conversations.evaluate(conversationId, {
      turn: { text: 'I want to talk to a person', language: 'en' },
      startHandoff: { endUser: { id: 'u-eval' }, transcript: [{ id: 'e1', role: 'user', text: 'I want to talk to a person', createdAt: new Date().toISOString() }] },
    });
    expect(decided.decision).toMatchObject({ handoff: true, reasonCode: 'customer_request' });
    expect(decided.session).toMatchObject({ conversationId, state: 'pending' });
    const { instructions } = await baton.agents.handoffInstructions(agentId);
    expect(instructions).toMatch(/human|person/i);
    await expect(baton.agents.handoffInstructions('agt_someone_else')).rejects.toMatchObject({ code: 'agent_not_found' });
    const report = await baton.insights.report({ bucket: 'week' });
    expect(report).toHaveProperty('summary');
    expect(await baton.insights.section('summary')).toHaveProperty('summary');
    expect(await baton.insights.csv()).toMatch(/^section,/);
    const rules = (await baton.rules.list()) as { rules: Array<{ name: string }> };
    expect(rules.rules.map((r) => r.name)).toContain('Customer asks for a human');
    expect(await baton.rules.fields()).toHaveProperty('fields');
    expect(await baton.rules.test({ turn: { text: 'hello there' } })).toMatchObject({ decision: { handoff: false } });
  });

  it("reads and changes the AI agent's waiting settings (README: every /v1 route has a method)", async () => {
    const before = await baton.agents.waitingSettings(agentId);
    expect(before.settings.noAgentTimeout.minutes).toBeNull();
    const changed = await baton.agents.updateWaitingSettings(agentId, { noAgentTimeout: { minutes: 30 } });
    expect(changed.settings.noAgentTimeout).toMatchObject({ minutes: 30, action: before.settings.noAgentTimeout.action });
    expect((await baton.agents.waitingSettings(agentId)).settings.noAgentTimeout.minutes).toBe(30);
    await expect(baton.agents.updateWaitingSettings(agentId, { noAgentTimeout: { minutes: 0 } })).rejects.toMatchObject({ status: 422, code: 'validation_failed' });
    await expect(baton.agents.waitingSettings('agt_someone_else')).rejects.toMatchObject({ code: 'agent_not_found' });
  });
});
