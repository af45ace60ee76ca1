import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createOpenApiValidator } from './openapi-validator.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('openapi-contract.test.ts');

const rule = { name: 'Refunds', conditions: { all: [{ field: 'text', operator: 'contains', value: 'refund' }] }, action: { type: 'handoff', reasonCode: 'policy' } };
const userLine = (id: string) => ({ id, role: 'user', text: 'Any news?', createdAt: '2026-11-24T10:05:00Z' });

/**
 * Every /v1 operation, driven over HTTP against a real relay, with each answer (success and error: status,
 * media type, body, Retry-After, Idempotent-Replayed) checked against the relay's own /openapi.json — what a
 * client generated from that document (sdk/) relies on.
 */
describe.each(BACKENDS)('the /v1 API honours its OpenAPI document on %s', (backend) => {
  let t: TestRelay;
  let validator: ReturnType<typeof createOpenApiValidator>;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk });
    validator = createOpenApiValidator(await (await fetch(`${t.url}/openapi.json`)).json());
  });
  afterAll(() => t?.stop());

  /** One request, its answer checked against the document; the test fails on the first mismatch. */
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${t.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const { problems } = validator.check(method, path, res.status, res.headers, text);
    expect(problems, `${method} ${path} → ${res.status} ${text.slice(0, 300)}`).toEqual([]);
    return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const handoff = (body: unknown, key = `k-${Math.random()}`) => call('POST', '/v1/handoffs', body, { 'idempotency-key': key });

  it('handoffs: created, replayed (Idempotent-Replayed), open session, key reused, key missing, invalid, disabled', async () => {
    const body = handoffBody();
    expect((await handoff(body, 'contract-1')).status).toBe(201);
    const replay = await handoff(body, 'contract-1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await handoff(body)).body.created).toBe(false);
    expect((await handoff({ ...body, summary: 'other' }, 'contract-1')).body.error.code).toBe('idempotency_key_reused');
    expect((await call('POST', '/v1/handoffs', handoffBody())).body.error.code).toBe('idempotency_key_required');
    expect((await handoff({ ...handoffBody(), endUser: {} })).status).toBe(422);
    expect((await handoff('{"conversationId":')).body.error.code).toBe('invalid_json');
    expect((await handoff('a=1', undefined)).status).toBe(400);
    expect((await call('POST', '/v1/handoffs', 'a=1', { 'content-type': 'text/plain', 'idempotency-key': 'x' })).status).toBe(415);
    expect((await call('POST', '/v1/handoffs', handoffBody(), { authorization: 'Bearer nope', 'idempotency-key': 'x' })).status).toBe(401);
    const { configureAgent } = await import('../relay/admin.js');
    await configureAgent(t.relay.db, t.agentId, { handoffEnabled: false });
    const disabled = await handoff(handoffBody()).finally(() => configureAgent(t.relay.db, t.agentId, { handoffEnabled: true }));
    expect(disabled.body.error.code).toBe('handoff_disabled');
  });

  it('sessions: detail, list, messages (accepted, duplicate, conflict, refused), end', async () => {
    const id = (await handoff(handoffBody())).body.session.id as string;
    await waitFor('the ticket', async () => (await call('GET', `/v1/sessions/${id}`)).body.session.state === 'waiting');
    expect((await call('GET', '/v1/sessions/ses_missing')).status).toBe(404);
    expect((await call('GET', '/v1/sessions?limit=2')).body.sessions.length).toBeGreaterThan(0);
    expect((await call('GET', '/v1/sessions?limit=0')).status).toBe(422);
    expect((await call('GET', '/v1/sessions?state=asleep')).status).toBe(422);
    expect((await call('POST', `/v1/sessions/${id}/messages`, userLine('u-1'))).status).toBe(202);
    expect((await call('POST', `/v1/sessions/${id}/messages`, userLine('u-1'))).status).toBe(200);
    expect((await call('POST', `/v1/sessions/${id}/messages`, { ...userLine('u-1'), text: 'changed' })).body.error.code).toBe('message_id_conflict');
    expect((await call('POST', `/v1/sessions/${id}/messages`, { ...userLine('u-2'), role: 'robot' })).status).toBe(422);
    expect((await call('POST', '/v1/sessions/ses_missing/messages', userLine('u-3'))).status).toBe(404);
    expect((await call('POST', `/v1/sessions/${id}/end`, { reason: 'customer left' })).body.session.state).toBe('ended');
    expect((await call('POST', `/v1/sessions/${id}/end`)).status).toBe(200);
    expect((await call('POST', `/v1/sessions/${id}/messages`, userLine('u-4'))).body.error.code).toBe('session_closed');
    expect((await call('POST', '/v1/sessions/ses_missing/end')).status).toBe(404);
    expect((await call('POST', `/v1/sessions/${id}/end`, { reason: 7 })).status).toBe(422);
  });

  it('rules: list, fields, add, replace, reorder, test, delete, and their refusals', async () => {
    expect((await call('GET', '/v1/rules')).status).toBe(200);
    expect((await call('GET', '/v1/rules/fields')).status).toBe(200);
    const created = await call('POST', '/v1/rules', rule);
    expect(created.status).toBe(201);
    const ruleId = created.body.rule.id as string;
    expect((await call('POST', '/v1/rules', { ...rule, name: '' })).status).toBe(422);
    expect((await call('POST', '/v1/rules', '{')).status).toBe(400);
    expect((await call('PUT', `/v1/rules/${ruleId}`, { ...rule, name: 'Refunds (all)' })).body.rule.name).toBe('Refunds (all)');
    expect((await call('PUT', '/v1/rules/rul_missing', rule)).status).toBe(404);
    expect((await call('POST', '/v1/rules/reorder', { ids: [ruleId] })).status).toBe(200);
    expect((await call('POST', '/v1/rules/reorder', { ids: ['rul_missing'] })).status).toBe(422);
    expect((await call('POST', '/v1/rules/test', { turn: { text: 'a refund please' } })).body.decision).toBeDefined();
    expect((await call('POST', '/v1/rules/test', { turn: { text: 7 } })).status).toBe(422);
    expect((await call('DELETE', `/v1/rules/${ruleId}`)).status).toBe(204);
    expect((await call('DELETE', `/v1/rules/${ruleId}`)).status).toBe(404);
  });

  it('evaluate: decision, started handoff, its replay (Idempotent-Replayed), key reused, key missing', async () => {
    await call('POST', '/v1/rules', rule);
    const conversation = `conv-eval-${Math.random()}`;
    const turn = { text: 'I want a refund' };
    expect((await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn: { text: 'hello' } })).body.decision).toBeDefined();
    const startHandoff = { endUser: { id: 'u-eval' }, transcript: [] };
    expect((await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn, startHandoff })).body.error.code).toBe('idempotency_key_required');
    const started = await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn, startHandoff }, { 'idempotency-key': 'eval-1' });
    expect(started.body.session).toBeDefined();
    const replay = await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn, startHandoff }, { 'idempotency-key': 'eval-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn: { text: 'refund now' }, startHandoff }, { 'idempotency-key': 'eval-1' });
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect((await call('POST', `/v1/conversations/${conversation}/evaluate`, { turn: { signals: { confidence: 2 } } })).status).toBe(422);
  });

  it('agent settings: handoff instructions and waiting settings, own agent only', async () => {
    expect((await call('GET', `/v1/agents/${t.agentId}/handoff-instructions`)).body.instructions).toEqual(expect.any(String));
    expect((await call('GET', '/v1/agents/agt_other/handoff-instructions')).status).toBe(404);
    expect((await call('GET', `/v1/agents/${t.agentId}/waiting-settings`)).status).toBe(200);
    expect((await call('PATCH', `/v1/agents/${t.agentId}/waiting-settings`, {})).status).toBe(200);
    expect((await call('PATCH', `/v1/agents/${t.agentId}/waiting-settings`, { noAgentTimeout: 'soon' })).status).toBe(422);
    expect((await call('GET', '/v1/agents/agt_other/waiting-settings')).status).toBe(404);
    expect((await call('PATCH', '/v1/agents/agt_other/waiting-settings', {})).status).toBe(404);
  });

  it('insights: the report and a section, as JSON and CSV, and a bad period', async () => {
    expect((await call('GET', '/v1/insights')).body.summary).toBeDefined();
    expect((await call('GET', '/v1/insights?format=csv')).headers.get('content-type')).toMatch(/text\/csv/);
    expect((await call('GET', '/v1/insights/breakdowns')).status).toBe(200);
    expect((await call('GET', '/v1/insights/breakdowns?format=csv')).status).toBe(200);
    expect((await call('GET', '/v1/insights?from=yesterday')).status).toBe(422);
    expect((await call('GET', '/v1/insights/nonsense')).status).toBe(422);
  });
});
