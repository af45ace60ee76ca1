import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskEmulator, type ZendeskEmulator } from './index.js';

/** A webhook endpoint on a real socket that answers 200 and keeps each request it got, headers and raw body. */
async function startSink(path: string) {
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}${path}`;
  return { received, url, close: () => server.close() };
}

const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;

describe('Zendesk emulator', () => {
  let z: ZendeskEmulator;
  const auth = basic('admin@acme.test', 'tok');
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${z.baseUrl}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined };
  };
  const newTicket = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call('POST', '/api/v2/tickets', { ticket: { subject: 'Help', comment: { body: 'Transcript', public: false }, requester: { name: 'Jane', email: 'jane@example.com' }, tags: ['baton_handoff'], ...extra } }, headers);

  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 10_000 });
    z.addApiToken('admin@acme.test', 'tok');
  });
  afterAll(() => z.stop());

  it('keeps app installations: settings merged by an admin PUT, refused to an agent, secure settings never read back', async () => {
    const installation = z.installApp({ settings: { relay_url: 'https://relay.example' } });
    const path = `/api/v2/apps/installations/${installation.id}.json`;
    const put = await call('PUT', path, { settings: { tenant_id: 'ten_1', shared_secret: 's3cret' } });
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({ relay_url: 'https://relay.example', tenant_id: 'ten_1' });
    expect(z.installation(installation.id)!.settings.shared_secret).toBe('s3cret');
    expect((await call('GET', path)).body.settings).not.toHaveProperty('shared_secret');
    expect((await call('GET', '/api/v2/apps/installations.json')).body.installations.map((i: { id: number }) => i.id)).toContain(installation.id);
    // Update App Installation is "Allowed for: Admins".
    z.addApiToken('alex@acme.test', 'agent-tok');
    const asAgent = await call('PUT', path, { settings: { tenant_id: 'ten_evil' } }, { authorization: basic('alex@acme.test', 'agent-tok') });
    expect(asAgent.status).toBe(403);
    expect(z.installation(installation.id)!.settings.tenant_id).toBe('ten_1');
    expect((await call('GET', '/api/v2/apps/installations/999999.json')).status).toBe(404);
  });

  it('takes uploads, attaches them to the comment that names their token, and uses the token up', async () => {
    const upload = (name: string, bytes: Buffer, token?: string) =>
      fetch(`${z.baseUrl}/api/v2/uploads.json?filename=${name}${token ? `&token=${token}` : ''}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'image/png' }, body: new Uint8Array(bytes) })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const first = await upload('crash.png', png);
    expect(first.status).toBe(201);
    const second = await upload('log.png', Buffer.from('second'), first.body.upload.token);
    expect(second.body.upload.token).toBe(first.body.upload.token);
    expect(second.body.upload.attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['crash.png', 'log.png']);
    expect((await upload('x.png', png, 'no-such-token')).status).toBe(404);

    const ticket = (await newTicket()).body.ticket;
    await call('PUT', `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: 'See attached', public: true, uploads: [first.body.upload.token] } } });
    const again = await call('PUT', `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: 'Token reused', public: true, uploads: [first.body.upload.token] } } });
    expect(again.status).toBe(200);
    const comments = (await call('GET', `/api/v2/tickets/${ticket.id}/comments`)).body.comments;
    const attached = comments.find((c: { body: string }) => c.body === 'See attached').attachments;
    expect(attached.map((a: { file_name: string; size: number }) => [a.file_name, a.size])).toEqual([['crash.png', 8], ['log.png', 6]]);
    expect(z.attachmentBytes(attached[0].id)).toEqual(png);
    expect(comments.find((c: { body: string }) => c.body === 'Token reused').attachments).toEqual([]);
  });

  it('creates a ticket once per Idempotency-Key, replays with a hit, refuses another body', async () => {
    const first = await newTicket({}, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    const again = await newTicket({}, { 'idempotency-key': 'k1' });
    expect(again.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
    const other = await newTicket({ subject: 'Other' }, { 'idempotency-key': 'k1' });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('IdempotentRequestError');
  });

  it('answers /users/me with an anonymous user for bad credentials but 401 elsewhere', async () => {
    const me = await call('GET', '/api/v2/users/me', undefined, { authorization: basic('admin@acme.test', 'wrong') });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBeNull();
    const tickets = await call('GET', '/api/v2/tickets', undefined, { authorization: basic('admin@acme.test', 'wrong') });
    expect(tickets.status).toBe(401);
    expect(tickets.body.error).toBe("Couldn't authenticate you");
  });

  it('refuses updates to a closed ticket with 422', async () => {
    const { body } = await newTicket();
    await call('PUT', `/api/v2/tickets/${body.ticket.id}`, { ticket: { status: 'closed' } });
    const res = await call('PUT', `/api/v2/tickets/${body.ticket.id}`, { ticket: { comment: { body: 'late', public: true } } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('closed prevents ticket update');
  });

  it('limits ticket updates with a text/plain 429 and Retry-After', async () => {
    const { body } = await newTicket();
    let last;
    for (let i = 0; i < 31; i++) last = await call('PUT', `/api/v2/tickets/${body.ticket.id}`, { ticket: { comment: { body: `c${i}`, public: true } } });
    expect(last!.status).toBe(429);
    expect(last!.headers.get('content-type')).toMatch(/text\/plain/);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does OAuth with PKCE and rotates refresh tokens', async () => {
    z.addOAuthClient({ id: 'c1', secret: 's1' });
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authz = await fetch(`${z.baseUrl}/oauth/authorizations/new?response_type=code&client_id=c1&redirect_uri=http://relay/cb&state=xyz&code_challenge=${challenge}&code_challenge_method=S256`, { redirect: 'manual' });
    const location = new URL(authz.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    const token = (b: Record<string, string>) => call('POST', '/oauth/tokens', { client_id: 'c1', client_secret: 's1', ...b });
    const bad = await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: 'http://relay/cb', code_verifier: 'wrong' });
    expect(bad.status).toBe(400);
    const authz2 = await fetch(`${z.baseUrl}/oauth/authorizations/new?client_id=c1&redirect_uri=http://relay/cb&code_challenge=${challenge}`, { redirect: 'manual' });
    const code = new URL(authz2.headers.get('location')!).searchParams.get('code')!;
    const good = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://relay/cb', code_verifier: verifier });
    expect(good.body.expires_in).toBe(1800);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: good.body.refresh_token });
    expect(refreshed.status).toBe(200);
    const replay = await token({ grant_type: 'refresh_token', refresh_token: good.body.refresh_token });
    expect(replay.body.error).toBe('invalid_grant');
    const use = await call('GET', '/api/v2/tickets', undefined, { authorization: `Bearer ${refreshed.body.access_token}` });
    expect(use.status).toBe(200);
  });

  it('fires signed trigger webhooks on an agent public reply, not on an internal note; loses, repeats and holds them back on demand', async () => {
    const sink = await startSink('/hook');
    const { received } = sink;
    const hook = await call('POST', '/api/v2/webhooks', { webhook: { name: 'relay', endpoint: sink.url, http_method: 'POST', request_format: 'json', subscriptions: ['conditional_ticket_events'], status: 'active' } });
    const secret = (await call('GET', `/api/v2/webhooks/${hook.body.webhook.id}/signing_secret`)).body.signing_secret.secret;
    await call('POST', '/api/v2/triggers', {
      trigger: {
        title: 'reply',
        conditions: { all: [{ field: 'comment_is_public', operator: 'is', value: 'true' }, { field: 'current_via_id', operator: 'is_not', value: '5' }, { field: 'current_tags', operator: 'includes', value: 'baton_handoff' }], any: [] },
        actions: [{ field: 'notification_webhook', value: [hook.body.webhook.id, '{"ticket_id":"{{ticket.id}}","event":"agent_reply"}'] }],
      },
    });
    const { body } = await newTicket();
    await z.agentReply(body.ticket.id, { body: 'internal', public: false });
    await z.agentReply(body.ticket.id, { body: 'Hello Jane', public: true });
    await call('PUT', `/api/v2/tickets/${body.ticket.id}`, { ticket: { comment: { body: 'via API', public: true } } });
    await z.settleWebhooks();
    expect(received).toHaveLength(1);
    const r = received[0]!;
    const expected = createHmac('sha256', secret).update(String(r.headers['x-zendesk-webhook-signature-timestamp']) + r.body).digest('base64');
    expect(r.headers['x-zendesk-webhook-signature']).toBe(expected);
    expect(JSON.parse(r.body)).toEqual({ ticket_id: String(body.ticket.id), event: 'agent_reply' });
    z.faults.loseWebhooks(1);
    await z.agentReply(body.ticket.id, { body: 'lost', public: true });
    await z.settleWebhooks();
    expect(received).toHaveLength(1);
    expect(z.webhookDeliveries().at(-1)!.status).toBe('dropped');

    // Sent twice: the same invocation arrives again (Zendesk is at-least-once).
    z.faults.duplicateWebhooks(1);
    await z.agentReply(body.ticket.id, { body: 'twice', public: true });
    await z.settleWebhooks();
    expect(received).toHaveLength(3);
    expect(received[2]!.headers['x-zendesk-webhook-invocation-id']).toBe(received[1]!.headers['x-zendesk-webhook-invocation-id']);

    // Held back: the first of two arrives after the second, with a timestamp of when it was sent.
    z.faults.holdWebhooks(1);
    await z.agentReply(body.ticket.id, { body: 'late', public: true });
    await z.agentReply(body.ticket.id, { body: 'on time', public: true });
    // The second one's webhook arrives while the first's is still held.
    while (received.length < 4) await new Promise((r) => setImmediate(r));
    expect(z.faults.heldWebhookCount).toBe(1);
    expect(await z.faults.releaseHeldWebhooks()).toBe(1);
    await z.settleWebhooks();
    expect(received).toHaveLength(5);
    expect(received.slice(3).map((r) => JSON.parse(r.body).ticket_id)).toEqual([String(body.ticket.id), String(body.ticket.id)]);
    sink.close();
  });

  it('sends ticket events to event-subscription webhooks with the documented envelope, signed, and keeps connection methods apart', async () => {
    const sink = await startSink('/events');
    const { received } = sink;
    const endpoint = sink.url;
    const mixed = await call('POST', '/api/v2/webhooks', { webhook: { name: 'mixed', endpoint, subscriptions: ['conditional_ticket_events', 'zen:event-type:ticket.comment_added'] } });
    expect(mixed.status).toBe(400);
    const hook = await call('POST', '/api/v2/webhooks', {
      webhook: { name: 'events', endpoint, http_method: 'POST', request_format: 'json', status: 'active', subscriptions: ['zen:event-type:ticket.comment_added', 'zen:event-type:ticket.status_changed'] },
    });
    const secret = (await call('GET', `/api/v2/webhooks/${hook.body.webhook.id}/signing_secret`)).body.signing_secret.secret;
    const { body } = await newTicket();
    await z.settleWebhooks();
    received.length = 0;
    await z.agentReply(body.ticket.id, { body: 'Solved it', public: true, agentName: 'Sam', status: 'solved' });
    await z.settleWebhooks();
    await call('DELETE', `/api/v2/webhooks/${hook.body.webhook.id}`);
    sink.close();
    const events = received.map((r) => ({ ...r, json: JSON.parse(r.body) }));
    for (const e of events) {
      const ts = String(e.headers['x-zendesk-webhook-signature-timestamp']);
      expect(e.headers['x-zendesk-webhook-signature']).toBe(createHmac('sha256', secret).update(ts + e.body).digest('base64'));
      expect(e.json).toMatchObject({ account_id: expect.any(Number), id: expect.any(String), zendesk_event_version: '2022-11-06', subject: `zen:ticket:${body.ticket.id}` });
      expect(e.json.detail).toMatchObject({ id: String(body.ticket.id), status: 'SOLVED', tags: ['baton_handoff'] });
    }
    const comment = events.find((e) => e.json.type === 'zen:event-type:ticket.comment_added')!.json.event.comment;
    expect(comment).toMatchObject({ body: 'Solved it', is_public: true, author: { is_staff: true, name: 'Sam' } });
    expect(typeof comment.id).toBe('string');
    expect(events.find((e) => e.json.type === 'zen:event-type:ticket.status_changed')!.json.event).toMatchObject({ current: 'SOLVED' });
  });

  it('injects 5xx and dropped connections', async () => {
    z.faults.failNext(1, { status: 503, pathPrefix: '/api/v2/tickets' });
    expect((await call('GET', '/api/v2/tickets')).status).toBe(503);
    z.faults.dropConnections(1, '/api/v2/tickets');
    await expect(call('GET', '/api/v2/tickets')).rejects.toThrow();
    expect((await call('GET', '/api/v2/tickets')).status).toBe(200);
  });
});
