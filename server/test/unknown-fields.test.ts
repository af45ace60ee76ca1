import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('unknown-fields.test.ts');

// The policy (README, "The AI-platform API (v1)"): a /v1 request body with a field the route does not know is a 422
// `validation_failed` naming it, and nothing happens; free-form maps (`metadata`, `customer`, `trigger.payload`) take any key.
describe.each(BACKENDS)('a /v1 request body with a field the route does not know, on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
  });
  afterAll(() => t?.stop());
  const refused = (res: { status: number; body: any }) => ({
    status: res.status,
    code: res.body?.error?.code,
    paths: (res.body?.error?.details?.issues ?? []).map((i: { path: string }) => i.path),
  });
  const line = (id: string, extra: Record<string, unknown> = {}) => ({ id, role: 'user', text: 'hello?', createdAt: new Date().toISOString(), ...extra });
  const start = async (body = handoffBody()) => {
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': `uf-${Math.random()}` });
    return res;
  };

  it('refuses a misspelt handoff field, top-level or nested, and starts nothing', async () => {
    const body = handoffBody({ handoffMesage: 'An agent will be with you shortly' });
    expect(refused(await start(body))).toEqual({ status: 422, code: 'validation_failed', paths: ['handoffMesage'] });
    const nested = handoffBody({ endUser: { id: 'u1', nmae: 'Jane' } });
    expect(refused(await start(nested))).toEqual({ status: 422, code: 'validation_failed', paths: ['endUser.nmae'] });
    const inTranscript = handoffBody({ transcript: [{ ...line('m1'), atachments: [] }] });
    expect(refused(await start(inTranscript))).toEqual({ status: 422, code: 'validation_failed', paths: ['transcript.0.atachments'] });
    const listed = await t.api('GET', `/v1/sessions?conversationId=${body.conversationId}`);
    expect(listed.body.sessions).toEqual([]);
    // The free-form maps stay free-form.
    expect((await start(handoffBody({ metadata: { anything: { goes: 1 } } }))).status).toBe(201);
  });

  it('refuses an unknown field on a message (the fast path) and on end, and stores neither', async () => {
    const id = (await start()).body.session.id as string;
    const msg = await t.api('POST', `/v1/sessions/${id}/messages`, line('x1', { autorName: 'Jane' }));
    expect(refused(msg)).toEqual({ status: 422, code: 'validation_failed', paths: ['autorName'] });
    const session = await t.api('GET', `/v1/sessions/${id}`);
    expect(session.body.session.transcript.map((m: { id: string }) => m.id)).not.toContain('x1');
    const end = await t.api('POST', `/v1/sessions/${id}/end`, { reson: 'customer left' });
    expect(refused(end)).toEqual({ status: 422, code: 'validation_failed', paths: ['reson'] });
    expect((await t.api('GET', `/v1/sessions/${id}`)).body.session.state).not.toBe('ended');
  });

  it('refuses a misspelt waiting setting at any depth and changes nothing', async () => {
    const path = `/v1/agents/${t.agentId}/waiting-settings`;
    const before = (await t.api('GET', path)).body.settings;
    expect(refused(await t.api('PATCH', path, { noAgentTimeout: { minuts: 30 } }))).toEqual({ status: 422, code: 'validation_failed', paths: ['noAgentTimeout.minuts'] });
    expect(refused(await t.api('PATCH', path, { estimateMinSamples: 3, agentSilentt: {} }))).toEqual({ status: 422, code: 'validation_failed', paths: ['agentSilentt'] });
    expect((await t.api('GET', path)).body.settings).toEqual(before);
  });

  it('refuses unknown fields in rules, reorder, rule tests and evaluation', async () => {
    const rule = { name: 'Refunds', conditions: { all: [{ field: 'text', operator: 'contains', value: 'refund' }] }, action: { type: 'handoff', reasonCode: 'policy' } };
    expect(refused(await t.api('POST', '/v1/rules', { ...rule, enable: false }))).toEqual({ status: 422, code: 'validation_failed', paths: ['enable'] });
    expect(refused(await t.api('POST', '/v1/rules', { ...rule, action: { ...rule.action, routing: { group: 5 } } }))).toEqual({ status: 422, code: 'validation_failed', paths: ['action.routing.group'] });
    expect((await t.api('GET', '/v1/rules')).body.rules.map((r: { name: string }) => r.name)).not.toContain('Refunds');
    expect(refused(await t.api('POST', '/v1/rules/reorder', { ids: [], order: 'asc' }))).toEqual({ status: 422, code: 'validation_failed', paths: ['order'] });
    expect(refused(await t.api('POST', '/v1/rules/test', { turn: { text: 'x' }, rules: [] }))).toEqual({ status: 422, code: 'validation_failed', paths: ['rules'] });
    // `confidence` belongs in `turn.signals`: evaluated without it, a low-confidence rule would silently not fire.
    const evaluated = await t.api('POST', '/v1/conversations/c-uf/evaluate', { turn: { text: 'x', confidence: 0.1 } });
    expect(refused(evaluated)).toEqual({ status: 422, code: 'validation_failed', paths: ['turn.confidence'] });
    const free = await t.api('POST', '/v1/conversations/c-uf/evaluate', { turn: { text: 'x', customer: { tier: 'gold' }, metadata: { any: 1 }, trigger: { name: 't', payload: { x: 1 } } } });
    expect(free.status).toBe(200);
  });

  it('refuses a query parameter the route does not know (a misspelt filter would list everything)', async () => {
    const body = handoffBody();
    await start(body);
    const misspelt = await t.api('GET', `/v1/sessions?conversationid=${body.conversationId}`);
    expect(refused(misspelt)).toEqual({ status: 422, code: 'validation_failed', paths: ['conversationid'] });
    const listed = await t.api('GET', `/v1/sessions?conversationId=${body.conversationId}`);
    expect([listed.status, listed.body.sessions.length]).toEqual([200, 1]);
    expect(refused(await t.api('GET', '/v1/insights?timezone=Europe/Berlin'))).toEqual({ status: 422, code: 'validation_failed', paths: ['timezone'] });
    expect(refused(await t.api('GET', '/v1/insights/summary?fromat=csv'))).toEqual({ status: 422, code: 'validation_failed', paths: ['fromat'] });
    expect((await t.api('GET', '/v1/insights/summary?tz=Europe/Berlin')).status).toBe(200);
  });
});
