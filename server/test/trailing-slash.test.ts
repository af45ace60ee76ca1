import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('trailing-slash.test.ts');

// The policy (README, "The AI-platform API (v1)"): on /v1 a trailing slash reaches the same route as the path without it,
// for every method, as the node:http fast path for messages always did. Over the relay's real socket, fast path in front.
describe.each(BACKENDS)('a /v1 path with a trailing slash, on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
  });
  afterAll(() => t?.stop());
  const line = (id: string) => ({ id, role: 'user', text: 'still there?', createdAt: new Date().toISOString() });

  it('reaches the same route for GET, HEAD, POST, PUT, PATCH and DELETE', async () => {
    const started = await t.api('POST', '/v1/handoffs/', handoffBody(), { 'idempotency-key': `slash-${Math.random()}` });
    expect(started.status).toBe(201);
    const id = started.body.session.id as string;
    const read = await t.api('GET', `/v1/sessions/${id}/`);
    expect([read.status, read.body.session?.id]).toEqual([200, id]);
    const listed = await t.api('GET', `/v1/sessions/?conversationId=${started.body.session.conversationId}`);
    expect([listed.status, listed.body.sessions?.map((s: { id: string }) => s.id)]).toEqual([200, [id]]);
    const head = await fetch(`${t.url}/v1/sessions/${id}/`, { method: 'HEAD', headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(head.status).toBe(200);
    // The fast path (messages) and the app agree on the same session, with and without the slash.
    expect((await t.api('POST', `/v1/sessions/${id}/messages/`, line('s1'))).status).toBe(202);
    expect((await t.api('POST', `/v1/sessions/${id}/messages`, line('s2'))).status).toBe(202);

    const patched = await t.api('PATCH', `/v1/agents/${t.agentId}/waiting-settings/`, { estimateMinSamples: 7 });
    expect([patched.status, patched.body.settings?.estimateMinSamples]).toEqual([200, 7]);
    const created = await t.api('POST', '/v1/rules/', { name: 'Refunds', conditions: { all: [{ field: 'text', operator: 'contains', value: 'refund' }] }, action: { type: 'handoff', reasonCode: 'policy' } });
    expect(created.status).toBe(201);
    const ruleId = created.body.rule.id as string;
    const replaced = await t.api('PUT', `/v1/rules/${ruleId}/`, { name: 'Refund requests', conditions: created.body.rule.conditions, action: created.body.rule.action });
    expect([replaced.status, replaced.body.rule?.name]).toEqual([200, 'Refund requests']);
    expect((await t.api('DELETE', `/v1/rules/${ruleId}/`)).status).toBe(204);
    expect((await t.api('GET', '/v1/rules/')).body.rules.map((r: { id: string }) => r.id)).not.toContain(ruleId);

    const ended = await t.api('POST', `/v1/sessions/${id}/end/`, { reason: 'customer left' });
    expect([ended.status, ended.body.session?.state]).toEqual([200, 'ended']);
  });

  it('answers a wrong method with 405 and Allow, and an unknown path with 404, slash or not', async () => {
    const wrong = await t.api('DELETE', '/v1/handoffs/');
    expect([wrong.status, wrong.headers.get('allow'), wrong.body.error.code]).toEqual([405, 'POST', 'method_not_allowed']);
    const unknown = await t.api('GET', '/v1/nothing/');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    // One slash, as one slash: an empty segment is not a route.
    expect((await t.api('GET', '/v1/rules//')).status).toBe(404);
  });

  it('still asks for the API key first', async () => {
    const res = await t.api('GET', '/v1/rules/', undefined, { authorization: 'Bearer nope' });
    expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
  });
});
