import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySessionEvent } from '../relay/session-events.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

warnIfPostgresSkipped('api.test.ts');

describe.each(BACKENDS)('AI-platform API v1 on %s', (backend) => {
  let t: TestRelay;
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk });
  });
  afterAll(() => t?.stop());

  const handoff = (body: unknown, key = `key-${Math.random()}`) => t.api('POST', '/v1/handoffs', body, { 'idempotency-key': key });

  it('creates a session with its whole transcript', async () => {
    const body = handoffBody();
    const res = await handoff(body);
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    expect(res.body.session).toMatchObject({ state: 'pending', version: 1, conversationId: body.conversationId, priority: 'high' });
    expect(res.body.session.transcript.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2', 'm3']);
    const got = await t.api('GET', `/v1/sessions/${res.body.session.id}`);
    expect(got.status).toBe(200);
    expect(got.body.session.transcript).toHaveLength(3);
    expect(got.body.session.transitions[0]).toMatchObject({ from: null, to: 'pending', version: 1 });
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const body = handoffBody();
    const first = await handoff(body, 'same-key');
    const again = await handoff(body, 'same-key');
    expect(again.status).toBe(first.status);
    expect(again.body.session.id).toBe(first.body.session.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await handoff({ ...body, summary: 'different' }, 'same-key');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('requires an Idempotency-Key, and reads one sent empty as none (not a 422 about its length)', async () => {
    const res = await t.api('POST', '/v1/handoffs', handoffBody());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
    // A client whose key variable was left unset sends the header empty.
    const empty = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('idempotency_key_required');
  });

  it('returns the open session for a second handoff of the same conversation, even when raced', async () => {
    const body = handoffBody();
    const results = await Promise.all([handoff(body), handoff(body), handoff(body)]);
    const ids = new Set(results.map((r) => r.body.session.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200).every((r) => r.body.created === false)).toBe(true);
    const list = await t.api('GET', `/v1/sessions?conversationId=${encodeURIComponent(body.conversationId)}`);
    expect(list.body.sessions).toHaveLength(1);
  });

  it('explains validation failures with the path of each problem', async () => {
    const res = await handoff({ ...handoffBody(), reason: { code: 'bored' }, endUser: { id: '' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['reason.code', 'endUser.id']));
  });

  it('refuses duplicate message ids inside one transcript', async () => {
    const body = handoffBody();
    body.transcript.push({ ...body.transcript[0]! });
    const res = await handoff(body);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/appears twice/);
  });

  it('answers 401 without a valid key, 415 for non-JSON, 400 for broken JSON, 404 for unknown routes', async () => {
    const noKey = await fetch(`${t.url}/v1/sessions`);
    expect(noKey.status).toBe(401);
    const wrongKey = await t.api('GET', '/v1/sessions', undefined, { authorization: `Bearer ${t.apiKey.slice(0, -2)}xx` });
    expect(wrongKey.body.error.code).toBe('unauthorized');
    const form = await t.api('POST', '/v1/handoffs', 'a=1', { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'f' });
    expect(form.status).toBe(415);
    const broken = await t.api('POST', '/v1/handoffs', '{"conversationId":', { 'idempotency-key': 'b' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    expect((await t.api('GET', '/v1/nothing')).body.error.code).toBe('not_found');
  });

  it('accepts a JSON body that starts with a UTF-8 byte order mark on the message route as on the handoff route', async () => {
    const created = await handoff('\ufeff' + JSON.stringify(handoffBody()));
    expect(created.status).toBe(201);
    const line = { id: 'bom-1', role: 'user', text: 'Sent from a .NET client', createdAt: '2026-11-24T10:05:00Z' };
    const sent = await t.api('POST', `/v1/sessions/${created.body.session.id}/messages`, '\ufeff' + JSON.stringify(line));
    expect(sent.status).toBe(202);
    expect(sent.body.message.text).toBe('Sent from a .NET client');
  });

  it('limits the body size', async () => {
    const huge = handoffBody({ summary: 'x'.repeat(9 * 1024 * 1024) });
    const res = await handoff(huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('accepts end-user messages once, by message id', async () => {
    const { body } = await handoff(handoffBody());
    const id = body.session.id;
    const msg = { id: 'u-10', role: 'user', text: 'Any news?', createdAt: '2026-11-24T10:05:00Z' };
    const first = await t.api('POST', `/v1/sessions/${id}/messages`, msg);
    expect(first.status).toBe(202);
    expect(first.body.message.seq).toBe(4);
    const dup = await t.api('POST', `/v1/sessions/${id}/messages`, msg);
    expect(dup.status).toBe(200);
    expect(dup.body.duplicate).toBe(true);
    const clash = await t.api('POST', `/v1/sessions/${id}/messages`, { ...msg, text: 'changed' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('message_id_conflict');
    const transcript = (await t.api('GET', `/v1/sessions/${id}`)).body.session.transcript;
    expect(transcript.filter((m: { id: string }) => m.id === 'u-10')).toHaveLength(1);
  });

  it('accepts a burst of lines sent at once to several sessions, retries included, each exactly once', async () => {
    const sessions = await Promise.all([handoff(handoffBody()), handoff(handoffBody())]).then((r) => r.map((x) => x.body.session.id as string));
    const lines = sessions.flatMap((sid) => Array.from({ length: 12 }, (_, i) => ({ sid, msg: { id: `burst-${i}`, role: 'user', text: `line ${i}`, createdAt: '2026-11-24T10:05:00Z' } })));
    // Every line twice at the same moment, as a platform retrying on a timeout would.
    const answers = await Promise.all([...lines, ...lines].map(({ sid, msg }) => t.api('POST', `/v1/sessions/${sid}/messages`, msg).then((r) => ({ sid, id: msg.id, r }))));
    for (const sid of sessions) {
      const mine = answers.filter((a) => a.sid === sid);
      expect(mine.every((a) => a.r.status === 202 || (a.r.status === 200 && a.r.body.duplicate === true))).toBe(true);
      for (const { msg } of lines.filter((l) => l.sid === sid)) {
        const copies = mine.filter((a) => a.id === msg.id);
        expect(copies.filter((a) => a.r.status === 202)).toHaveLength(1);
        // The retry is told where the first copy went.
        expect(new Set(copies.map((a) => a.r.body.message.seq)).size).toBe(1);
      }
      const transcript = (await t.api('GET', `/v1/sessions/${sid}`)).body.session.transcript as Array<{ id: string; seq: number }>;
      const burst = transcript.filter((m) => m.id.startsWith('burst-'));
      expect(burst.map((m) => m.id).sort()).toEqual(lines.filter((l) => l.sid === sid).map((l) => l.msg.id).sort());
      expect(transcript.map((m) => m.seq)).toEqual(transcript.map((_, i) => i + 1));
    }
  });

  it('refuses AI messages while a human owns the session, and everything once it ended', async () => {
    const { body } = await handoff(handoffBody());
    const id = body.session.id;
    // The outbox creates the ticket on its own; then an agent answers (what the Zendesk webhook will do).
    await waitFor('ticket', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'waiting');
    await t.relay.db.transaction((tx) => applySessionEvent(tx, id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: true }));
    const ai = await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'a-1', role: 'assistant', text: 'Let me help!', createdAt: '2026-11-24T10:06:00Z' });
    expect(ai.status).toBe(409);
    expect(ai.body.error.code).toBe('human_owns_session');
    const user = await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'u-1', role: 'user', text: 'hello?', createdAt: '2026-11-24T10:06:01Z' });
    expect(user.status).toBe(202);
    const ended = await t.api('POST', `/v1/sessions/${id}/end`, { reason: 'customer left' });
    expect(ended.status).toBe(200);
    expect(ended.body.session.state).toBe('ended');
    const late = await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'u-2', role: 'user', text: 'hi', createdAt: '2026-11-24T10:07:00Z' });
    expect(late.body.error.code).toBe('session_closed');
    const again = await t.api('POST', `/v1/sessions/${id}/end`);
    expect(again.status).toBe(200);
  });

  it('does not show one AI agent the sessions of another', async () => {
    const { body } = await handoff(handoffBody());
    const { createAgent, createApiKey } = await import('../relay/admin.js');
    const other = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Other bot' });
    const key = await createApiKey(t.relay.db, { agentId: other.agentId });
    const res = await t.api('GET', `/v1/sessions/${body.session.id}`, undefined, { authorization: `Bearer ${key.apiKey}` });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('session_not_found');
  });

  it('refuses handoffs when the AI agent has handoff switched off', async () => {
    const { configureAgent } = await import('../relay/admin.js');
    await configureAgent(t.relay.db, t.agentId, { handoffEnabled: false });
    const res = await handoff(handoffBody());
    await configureAgent(t.relay.db, t.agentId, { handoffEnabled: true });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('handoff_disabled');
  });

  it('serves an OpenAPI 3.1 document with the webhooks, and a docs page', async () => {
    const doc = await fetch(`${t.url}/openapi.json`).then((r) => r.json());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/handoffs', '/v1/sessions/{id}', '/v1/sessions', '/v1/sessions/{id}/messages', '/v1/sessions/{id}/end', '/v1/insights', '/v1/insights/{section}']),
    );
    const insightsParams = doc.paths['/v1/insights'].get.parameters.map((p: { name: string }) => p.name);
    expect(insightsParams).toEqual(expect.arrayContaining(['from', 'to', 'bucket', 'format']));
    expect(doc.components.schemas.InsightsReport.properties.summary).toBeDefined();
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(['handoff.accepted', 'handoff.failed', 'message.created', 'session.state_changed', 'session.returned']),
    );
    const page = await fetch(`${t.url}/docs`).then((r) => r.text());
    expect(page).toContain('/v1/handoffs');
    expect(page).toContain('human_owns_session');
  });
});
