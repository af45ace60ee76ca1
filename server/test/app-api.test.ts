import { randomUUID } from 'node:crypto';
import { proxyToken } from './app-token.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { createTenant, rotateAppSecret } from '../relay/admin.js';
import { platformEvent } from '../relay/platform-events.js';
import { enqueue } from '../store/deliveries.js';
import { findSession } from '../store/sessions.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';


describe('the sidebar app API (/app/v1) on PGlite', () => {
  let t: TestRelay;
  let secret = '';
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk });
    secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
  });
  afterAll(() => t?.stop());

  const appCall = async (path: string, token: string, init: RequestInit = {}) => {
    const res = await fetch(`${t.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const startWithTicket = async (body = handoffBody()) => {
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const ticket = await waitFor('ticket', () => desk.ticketOf(id));
    return { id, ticketId: ticket.id };
  };

  it('shows the session of a ticket with its transcript and timeline', async () => {
    const { id, ticketId } = await startWithTicket(handoffBody({ metadata: { page: 'https://shop.example/checkout', plan: 'Pro' } }));
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const res = await appCall(`/app/v1/tickets/${ticketId}/session`, token);
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({ id, state: 'waiting', ticketId, reason: { code: 'customer_request' } });
    // What the sidebar's "why escalated" card shows besides the reason: tags, the platform's context, the customer's language.
    expect(res.body.session).toMatchObject({ tags: ['vip'], metadata: { page: 'https://shop.example/checkout', plan: 'Pro' }, endUser: { locale: 'en' } });
    expect(res.body.session.messages.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(res.body.session.transitions.map((x: { to: string }) => x.to)).toEqual(['pending', 'waiting']);
  });

  it('refuses a wrong secret, another audience, an expired token and alg "none"', async () => {
    const { ticketId } = await startWithTicket();
    const path = `/app/v1/tickets/${ticketId}/session`;
    expect((await appCall(path, await proxyToken('guess', { tenant: t.tenantId }, { aud: t.url }))).body.error.code).toBe('invalid_app_token');
    expect((await appCall(path, await proxyToken(secret, { tenant: t.tenantId }, { aud: 'https://other.example' }))).status).toBe(401);
    expect((await appCall(path, await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url, expSeconds: -10 }))).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tenant: t.tenantId, aud: t.url, exp: 9e9, iat: 1 })).toString('base64url')}.`;
    expect((await appCall(path, none)).status).toBe(401);
    expect((await fetch(`${t.url}${path}`)).status).toBe(401);
  });

  it("never answers about another tenant's tickets", async () => {
    const { ticketId } = await startWithTicket();
    const other = await createTenant(t.relay.db, { name: 'Other' });
    const otherSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, other.id);
    const res = await appCall(`/app/v1/tickets/${ticketId}/session`, await proxyToken(otherSecret, { tenant: other.id }, { aud: t.url }));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('session_not_found');
  });

  it('returns the session to the AI with a note, and says when it was already returned (the second note went nowhere)', async () => {
    const { id } = await startWithTicket();
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const res = await appCall(`/app/v1/sessions/${id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify({ note: 'Refund done, carry on' }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ session: { state: 'returned' }, alreadyReturned: false });
    const returned = await waitFor('session.returned', () => t.receiver.unique().find((e) => e.type === 'session.returned' && e.data.sessionId === id));
    expect(returned.data).toMatchObject({ cause: 'agent_returned_to_ai', note: 'Refund done, carry on' });
    const again = await appCall(`/app/v1/sessions/${id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify({ note: 'Second opinion' }) });
    expect(again.status).toBe(200); // already returned: idempotent for the agent who double-clicks
    // ...but says so, so the sidebar does not take the second note for sent: it reached neither the AI nor the ticket.
    expect(again.body).toMatchObject({ session: { state: 'returned' }, alreadyReturned: true });
  });

  it("answers a retry of the action that returned the session as returned now (its first answer was lost); another action's key, or none, still hears it was returned first", async () => {
    const { id } = await startWithTicket();
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const returnWith = async (body: object) => (await appCall(`/app/v1/sessions/${id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify(body) })).body;
    expect(await returnWith({ note: 'Refund done', idempotencyKey: 'action-one-1234' })).toMatchObject({ alreadyReturned: false });
    // The sidebar never saw that answer and clicks again: the same action, whose note did reach the AI.
    expect(await returnWith({ note: 'Refund done', idempotencyKey: 'action-one-1234' })).toMatchObject({ session: { state: 'returned' }, alreadyReturned: false });
    expect(await returnWith({ note: 'Refund done', idempotencyKey: 'action-two-1234' })).toMatchObject({ alreadyReturned: true });
    // The same key with an edited note: that note went nowhere.
    expect(await returnWith({ note: 'Refund done, and a coupon', idempotencyKey: 'action-one-1234' })).toMatchObject({ alreadyReturned: true });
    expect(await returnWith({ note: 'Refund done' })).toMatchObject({ alreadyReturned: true });
    // Another session's retry with that key is not this action either.
    const other = await startWithTicket();
    expect((await appCall(`/app/v1/sessions/${other.id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify({ idempotencyKey: 'action-one-1234' }) })).body).toMatchObject({ alreadyReturned: false });
    expect((await appCall(`/app/v1/sessions/${id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify({ idempotencyKey: 'bad key!' }) })).status).toBe(422);
    // One return, one note on the ticket, whatever the retries.
    await waitFor('session.returned', () => t.receiver.unique().find((e) => e.type === 'session.returned' && e.data.sessionId === id));
    expect(t.receiver.unique().filter((e) => e.type === 'session.returned' && e.data.sessionId === id)).toHaveLength(1);
  });

  it('documents every field of the session.returned and state change it sends in /openapi.json (the SDK event type is generated from it)', async () => {
    const { id } = await startWithTicket();
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    await appCall(`/app/v1/sessions/${id}/return-to-ai`, token, { method: 'POST', body: JSON.stringify({ note: 'Over to you' }) });
    const returned = await waitFor('session.returned', () => t.receiver.unique().find((e) => e.type === 'session.returned' && e.data.sessionId === id));
    const changed = await waitFor('session.state_changed', () => t.receiver.unique().find((e) => e.type === 'session.state_changed' && e.data.sessionId === id && e.data.to === 'returned'));
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as any;
    const documented = (type: string) => {
      const data = doc.webhooks[type].post.requestBody.content['application/json'].schema.properties.data;
      return (data.allOf ?? [data]).flatMap((part: { properties?: object }) => Object.keys(part.properties ?? {}));
    };
    expect(documented('session.returned')).toEqual(expect.arrayContaining(Object.keys(returned.data)));
    expect(documented('session.state_changed')).toEqual(expect.arrayContaining(Object.keys(changed.data)));
  });

  it('streams session changes to the sidebar over SSE with a session-scoped token', async () => {
    const { id } = await startWithTicket();
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const { body } = await appCall(`/app/v1/sessions/${id}/stream-token`, token, { method: 'POST' });
    const res = await fetch(body.url, { headers: { origin: 'http://localhost:4567' } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:4567');
    const reader = res.body!.getReader();
    const events: string[] = [];
    const read = async (until: (text: string) => boolean) => {
      let text = '';
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      events.push(text);
      return text;
    };
    expect(await read((x) => x.includes('\n\n'))).toContain('"state":"waiting"');
    await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'live-1', role: 'user', text: 'Are you there?', createdAt: new Date().toISOString() });
    expect(await read((x) => x.includes('live-1'))).toContain('Are you there?');
    await reader.cancel();
    const forged = await fetch(body.url.replace(/token=[^&]+/, 'token=abc.def'));
    expect(forged.status).toBe(401);
  });

  it('refuses a stream token for a ticket the session is not on, and a ticket id that is not one', async () => {
    const { id, ticketId } = await startWithTicket();
    const other = await startWithTicket();
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const path = `/app/v1/sessions/${id}/stream-token`;
    expect((await appCall(path, token, { method: 'POST', body: JSON.stringify({ ticketId }) })).status).toBe(200);
    const elsewhere = await appCall(path, token, { method: 'POST', body: JSON.stringify({ ticketId: other.ticketId }) });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'session_not_found']);
    const bad = await appCall(path, token, { method: 'POST', body: JSON.stringify({ ticketId: 'x; DROP' }) });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('lets the admin page list, add and try the rules of the installation\'s own AI agents only', async () => {
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    // Rule changes need an admin session (admin-session.test.ts covers how an admin gets one).
    const admin = { 'x-baton-admin-session': signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 1, exp: Date.now() + 3_600_000 }) };
    const agents = await appCall('/app/v1/agents', token);
    expect(agents.body.agents.map((a: { id: string }) => a.id)).toEqual([t.agentId]);
    expect(agents.body.fields.some((f: { name: string }) => f.name === 'detected.human_request')).toBe(true);
    const rules = await appCall(`/app/v1/agents/${t.agentId}/rules`, token);
    expect(rules.body.rules.length).toBeGreaterThan(0);
    const bad = await appCall(`/app/v1/agents/${t.agentId}/rules`, token, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'x', conditions: { all: [{ field: 'nope', operator: 'is', value: 1 }] }, action: { type: 'handoff', reasonCode: 'other' } }) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/^conditions\.all\[0\]\.field/);
    const added = await appCall(`/app/v1/agents/${t.agentId}/rules`, token, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Legal', conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }] }, action: { type: 'handoff', reasonCode: 'policy' } }) });
    expect(added.status).toBe(201);
    const tried = await appCall(`/app/v1/agents/${t.agentId}/rules/test`, token, { method: 'POST', body: JSON.stringify({ turn: { text: 'My lawyer will call you' } }) });
    expect(tried.body.decision).toMatchObject({ handoff: true, reasonCode: 'policy', rule: { name: 'Legal' } });
    const other = await createTenant(t.relay.db, { name: 'Third' });
    const otherToken = await proxyToken(await rotateAppSecret(t.relay.db, t.relay.masterKey, other.id), { tenant: other.id }, { aud: t.url });
    expect((await appCall(`/app/v1/agents/${t.agentId}/rules`, otherToken)).status).toBe(404);
  });

  it('sends a dead-lettered agent reply again when the agent presses Retry', async () => {
    const { id } = await startWithTicket();
    const session = (await findSession(t.relay.db, id))!;
    await enqueue(t.relay.db, [platformEvent(session, 'message.created', { message: { id: 'zd-77', role: 'agent', text: 'lost reply' } })]);
    await t.relay.db.query(`UPDATE deliveries SET status = 'dead', attempts = 20 WHERE session_id = $1 AND kind = 'message.created'`, [id]);
    const token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    const res = await appCall(`/app/v1/sessions/${id}/messages/zd-77/retry`, token, { method: 'POST', body: '{}' });
    expect(res.body).toEqual({ retried: 1 });
    await waitFor('redelivered', () => t.receiver.unique().find((e) => e.type === 'message.created' && e.data.sessionId === id));
    expect((await appCall(`/app/v1/sessions/${id}/messages/zd-77/retry`, token, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
