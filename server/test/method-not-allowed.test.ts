import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('method-not-allowed.test.ts');

// Over the relay's real socket, so the node:http fast paths (fast-ingest, the Zendesk webhook) sit in front as in production.
describe.each(BACKENDS)('a known path asked with another method, on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
  });
  afterAll(() => t?.stop());
  const answer = async (method: string, path: string, init: RequestInit = {}) => {
    const res = await t.api(method, path, undefined, init.headers as Record<string, string>);
    return { status: res.status, allow: res.headers.get('allow'), code: res.body?.error?.code as string | undefined };
  };

  it('answers 405 method_not_allowed with the methods the path has in Allow', async () => {
    expect(await answer('PATCH', '/v1/sessions/ses_x')).toEqual({ status: 405, allow: 'GET, HEAD', code: 'method_not_allowed' });
    expect(await answer('DELETE', '/v1/handoffs')).toEqual({ status: 405, allow: 'POST', code: 'method_not_allowed' });
    expect(await answer('PATCH', '/v1/rules/rul_x')).toEqual({ status: 405, allow: 'PUT, DELETE', code: 'method_not_allowed' });
    expect(await answer('POST', '/v1/agents/agt_x/waiting-settings')).toEqual({ status: 405, allow: 'GET, HEAD, PATCH', code: 'method_not_allowed' });
    expect(await answer('PUT', '/health')).toEqual({ status: 405, allow: 'GET, HEAD', code: 'method_not_allowed' });
    expect(await answer('DELETE', '/app/v1/sessions/ses_x/take-over')).toEqual({ status: 405, allow: 'POST', code: 'method_not_allowed' });
  });

  it('answers 405 on the paths the node:http fast paths serve, for the methods they leave to the app', async () => {
    expect(await answer('GET', '/v1/sessions/ses_x/messages')).toEqual({ status: 405, allow: 'POST', code: 'method_not_allowed' });
    expect(await answer('PUT', '/zendesk/webhooks/ten_x')).toEqual({ status: 405, allow: 'POST', code: 'method_not_allowed' });
    // The fast path itself still answers its POST.
    const posted = await t.api('POST', '/v1/sessions/ses_x/messages', { id: 'm1', role: 'user', text: 'hi', createdAt: new Date().toISOString() });
    expect([posted.status, posted.body.error.code]).toEqual([404, 'session_not_found']);
  });

  it('keeps 404 for unknown paths, HEAD on GET routes, and authentication first on /v1', async () => {
    expect(await answer('GET', '/v1/nothing')).toEqual({ status: 404, allow: null, code: 'not_found' });
    expect(await answer('PATCH', '/nothing')).toEqual({ status: 404, allow: null, code: 'not_found' });
    const head = await fetch(`${t.url}/health`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'application/json']);
    const headOnPost = await fetch(`${t.url}/v1/handoffs`, { method: 'HEAD', headers: { authorization: `Bearer ${t.apiKey}` } });
    expect([headOnPost.status, headOnPost.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await answer('PATCH', '/v1/sessions/ses_x', { headers: { authorization: 'Bearer nope' } })).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it("leaves the sidebar API's CORS preflight to CORS", async () => {
    const preflight = await fetch(`${t.url}/app/v1/sessions/ses_x/take-over`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4567', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4567');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});
