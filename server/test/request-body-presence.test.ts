import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('request-body-presence.test.ts');

// The policy (README, "The AI-platform API (v1)"): a request sent without a body is judged the same on every /v1 route,
// whatever Content-Type it carries (many HTTP clients set `application/json` on every request): a route that needs a
// body answers 400 `invalid_json` saying none was sent; `POST /v1/sessions/{id}/end`, whose body is optional, ends the session.
describe.each(BACKENDS)('a /v1 request without a body, on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
  });
  afterAll(() => t?.stop());
  const send = async (method: string, path: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${t.apiKey}`, 'idempotency-key': `bp-${Math.random()}`, ...headers } });
    const body = (await res.json()) as { error?: { code: string; message: string }; session?: { state: string } };
    return { status: res.status, code: body.error?.code, message: body.error?.message, state: body.session?.state };
  };
  const start = async () => (await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': `bp-${Math.random()}` })).body.session.id as string;

  it('is one 400 invalid_json "no body" on every route that needs one, with or without a JSON Content-Type', async () => {
    const id = await start();
    const rule = await t.api('POST', '/v1/rules', { name: 'Refunds', conditions: { all: [{ field: 'text', operator: 'contains', value: 'refund' }] }, action: { type: 'handoff', reasonCode: 'policy' } });
    const routes: Array<[string, string]> = [
      ['POST', '/v1/handoffs'],
      ['POST', `/v1/sessions/${id}/messages`],
      ['POST', '/v1/conversations/c-bp/evaluate'],
      ['POST', '/v1/rules'],
      ['PUT', `/v1/rules/${rule.body.rule.id}`],
      ['POST', '/v1/rules/reorder'],
      ['POST', '/v1/rules/test'],
      ['PATCH', `/v1/agents/${t.agentId}/waiting-settings`],
    ];
    const answers: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const [method, path] of routes) {
      for (const type of [undefined, 'application/json']) {
        const key = `${method} ${path} ${type ?? 'no content-type'}`;
        const res = await send(method, path, type ? { 'content-type': type } : {});
        answers[key] = { status: res.status, code: res.code, message: res.message };
        expected[key] = { status: 400, code: 'invalid_json', message: 'This request needs a JSON body; none was sent.' };
      }
    }
    expect(answers).toEqual(expected);
  });

  it('ends a session on POST …/end with no body, even with a JSON Content-Type', async () => {
    const plain = await send('POST', `/v1/sessions/${await start()}/end`, {});
    expect([plain.status, plain.state]).toEqual([200, 'ended']);
    const typed = await send('POST', `/v1/sessions/${await start()}/end`, { 'content-type': 'application/json' });
    expect([typed.status, typed.state]).toEqual([200, 'ended']);
  });

  it('still answers a body that is there but not JSON with invalid_json, and a non-JSON type with 415', async () => {
    const id = await start();
    const broken = await fetch(`${t.url}/v1/sessions/${id}/end`, { method: 'POST', headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' }, body: '{' });
    expect([broken.status, ((await broken.json()) as { error: { code: string } }).error.code]).toEqual([400, 'invalid_json']);
    const text = await fetch(`${t.url}/v1/sessions/${id}/messages`, { method: 'POST', headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'text/plain' }, body: 'hi' });
    expect([text.status, ((await text.json()) as { error: { code: string } }).error.code]).toEqual([415, 'unsupported_media_type']);
  });
});
