import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { connectZendesk, createTenant, rotateAppSecret } from '../relay/admin.js';
import { appCaller, proxyToken } from './app-token.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { startZendeskEmulator } from '../zendesk-emu/index.js';
import { startPlatform } from './platform-receiver.js';

warnIfPostgresSkipped('agents-admin.test.ts');

describe.each(BACKENDS)('the AI agents page API (%s)', (backend) => {
  let t: TestRelay;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let appSecret = '';
  let admin = '';
  beforeAll(async () => {
    platform = await startPlatform();
    t = await startTestRelay(backend);
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    admin = signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 7, exp: Date.now() + 3_600_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await platform?.close();
  });

  // The relay is started in beforeAll: the caller reads it, its app secret and the admin session at each call.
  const app = (...args: Parameters<ReturnType<typeof appCaller>>) => appCaller(t, () => appSecret, () => admin)(...args);
  const v1 = (apiKey: string, method: string, path: string, body?: unknown) =>
    fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const create = async (name: string) => {
    const res = await app('POST', '/app/v1/ai-agents', { name, callbackUrl: platform.url });
    expect(res.status).toBe(201);
    return res.body as { agent: { id: string; keys: Array<{ id: string; prefix: string }> }; apiKey: string; webhookSecret: string };
  };

  it('refuses every action to someone holding only the app JWT, or a session for another account (403 admin_required)', async () => {
    const other = await createTenant(t.relay.db, { name: 'Other' });
    const foreign = signAdminSession(t.relay.masterKey, { tenantId: other.id, zendeskUserId: 7, exp: Date.now() + 60_000 });
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', '/app/v1/ai-agents'],
      ['POST', '/app/v1/ai-agents', { name: 'Sneaky', callbackUrl: platform.url }],
      ['POST', `/app/v1/ai-agents/${t.agentId}/test-event`, {}],
      ['POST', `/app/v1/ai-agents/${t.agentId}/signing-secret`, {}],
      ['POST', `/app/v1/ai-agents/${t.agentId}/keys`, {}],
      ['POST', `/app/v1/ai-agents/${t.agentId}/handoff`, { enabled: false }],
      ['POST', `/app/v1/ai-agents/${t.agentId}/delete`, {}],
    ];
    for (const session of [undefined, foreign, 'as1.forged.mac']) {
      for (const [method, path, body] of attempts) {
        const res = await app(method, path, body, session ?? '');
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('admin_required');
      }
    }
    expect(t.receiver.received.filter((r) => r.type === 'baton.test')).toEqual([]); // the refused test event was never sent
    expect((await app('GET', '/app/v1/ai-agents')).body.agents.map((a: { name: string }) => a.name)).not.toContain('Sneaky');
  });

  it('says what is wrong with a create, toggle or key request, by field (4xx with stable codes)', async () => {
    const badUrl = await app('POST', '/app/v1/ai-agents', { name: 'Bot 2', callbackUrl: 'file:///etc/passwd' });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'callbackUrl' }] } });
    const noName = await app('POST', '/app/v1/ai-agents', { name: '  ', callbackUrl: platform.url });
    expect(noName.status).toBe(422);
    expect(noName.body.error.details.issues[0].path).toBe('name');
    expect((await app('POST', '/app/v1/ai-agents', '{not json')).body.error.code).toBe('invalid_json');
    expect((await app('POST', '/app/v1/ai-agents', '{"name":"a\\u0000b","callbackUrl":"https://x.example"}')).body.error.code).toBe('invalid_characters');
    expect((await app('POST', `/app/v1/ai-agents/${t.agentId}/handoff`, { enabled: 'yes' })).status).toBe(422);
    expect((await app('POST', '/app/v1/ai-agents/agt_nope/signing-secret', {})).body.error.code).toBe('agent_not_found');
    expect((await app('POST', `/app/v1/ai-agents/${t.agentId}/keys/0000000000000000/revoke`, {})).status).toBe(404);
    expect((await app('GET', '/app/v1/ai-agents')).body.agents.map((a: { name: string }) => a.name)).not.toContain('Bot 2');
  });

  it('shows a new agent\'s API key and signing secret once, and the key works on /v1 at once', async () => {
    const created = await create('Sales bot');
    expect(created.apiKey).toMatch(/^bk_[0-9a-f]{16}_/);
    expect(created.webhookSecret).toMatch(/^whsec_/);
    expect(created.agent.keys).toEqual([expect.objectContaining({ prefix: created.apiKey.slice(0, 20), revokedAt: null })]);
    const list = await app('GET', '/app/v1/ai-agents');
    expect(list.body.agents.map((a: { name: string }) => a.name)).toContain('Sales bot');
    expect(list.text).not.toContain(created.apiKey.slice(20));
    expect(list.text).not.toContain(created.webhookSecret.slice(6));
    expect((await v1(created.apiKey, 'GET', '/v1/rules')).status).toBe(200);
  });

  it('sends a signed test event and shows the receiver\'s status and the start of its answer; a rotated secret signs the next one', async () => {
    const created = await create('Test bot');
    platform.state.secret = created.webhookSecret;
    const sent = await app('POST', `/app/v1/ai-agents/${created.agent.id}/test-event`, {});
    expect(sent.body.result).toMatchObject({ delivered: true, status: 202, bodyExcerpt: '{"ok":true,"note":"thanks"}' });
    expect(platform.state.verified.at(-1)).toBe(true);
    expect(platform.state.types.at(-1)).toBe('baton.test');

    const rotated = await app('POST', `/app/v1/ai-agents/${created.agent.id}/signing-secret`, {});
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(created.webhookSecret);
    await app('POST', `/app/v1/ai-agents/${created.agent.id}/test-event`, {});
    expect(platform.state.verified.at(-1)).toBe(false); // the platform still holds the old secret
    platform.state.secret = rotated.body.webhookSecret;
    platform.state.status = 500;
    platform.state.body = 'x'.repeat(5_000);
    const failed = await app('POST', `/app/v1/ai-agents/${created.agent.id}/test-event`, {});
    expect(platform.state.verified.at(-1)).toBe(true);
    expect(failed.body.result).toMatchObject({ delivered: false, status: 500 });
    expect(failed.body.result.bodyExcerpt.length).toBeLessThanOrEqual(501);
    platform.state.status = 202;
  });

  // The test event above stays signed with the new secret alone (it is how an admin checks the platform switched);
  // deliveries carry the old one's signature too until previousSecretValidUntil (webhook-secret-rotation.test.ts).
  it('says until when the previous signing secret is still signed with; overlapHours 0 drops it; a bad value is a 422', async () => {
    const created = await create('Rotating bot');
    const before = Date.now();
    const rotated = await app('POST', `/app/v1/ai-agents/${created.agent.id}/signing-secret`, {});
    expect(rotated.status).toBe(200);
    const until = Date.parse(rotated.body.previousSecretValidUntil);
    expect(until).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 1_000);
    const bare = await app('POST', `/app/v1/ai-agents/${created.agent.id}/signing-secret`); // no body: the default window
    expect(bare.status).toBe(200);
    expect(Date.parse(bare.body.previousSecretValidUntil)).toBeGreaterThanOrEqual(until);
    const dropped = await app('POST', `/app/v1/ai-agents/${created.agent.id}/signing-secret`, { overlapHours: 0 });
    expect(dropped.body).toMatchObject({ webhookSecret: expect.stringMatching(/^whsec_/), previousSecretValidUntil: null });
    for (const overlapHours of [-1, 1.5, 169, '24']) {
      const refused = await app('POST', `/app/v1/ai-agents/${created.agent.id}/signing-secret`, { overlapHours });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('validation_failed');
    }
  });

  it('says when the callback URL gave no answer at all', async () => {
    const closed = await app('POST', '/app/v1/ai-agents', { name: 'Nobody home', callbackUrl: 'http://127.0.0.1:1/baton' });
    const sent = await app('POST', `/app/v1/ai-agents/${closed.body.agent.id}/test-event`, {});
    expect(sent.status).toBe(200);
    expect(sent.body.result).toMatchObject({ delivered: false, status: null });
    expect(sent.body.result.error).toMatch(/webhook request failed/);
  });

  it('issues further keys and revokes one, which /v1 then refuses at once while the others keep working', async () => {
    const created = await create('Keys bot');
    const second = await app('POST', `/app/v1/ai-agents/${created.agent.id}/keys`, { label: 'staging' });
    expect(second.status).toBe(201);
    expect(second.body.agent.keys).toHaveLength(2);
    expect((await v1(second.body.apiKey, 'GET', '/v1/rules')).status).toBe(200); // now in the relay's key cache
    const revoked = await app('POST', `/app/v1/ai-agents/${created.agent.id}/keys/${second.body.keyId}/revoke`, {});
    expect(revoked.body.agent.keys.find((k: { id: string }) => k.id === second.body.keyId).revokedAt).not.toBeNull();
    expect((await v1(second.body.apiKey, 'GET', '/v1/rules')).status).toBe(401);
    expect((await v1(created.apiKey, 'GET', '/v1/rules')).status).toBe(200);
    // Another agent's key cannot be revoked through this one.
    expect((await app('POST', `/app/v1/ai-agents/${t.agentId}/keys/${created.agent.keys[0]!.id}/revoke`, {})).status).toBe(404);
  });

  it('switches handoff off and on', async () => {
    const created = await create('Toggle bot');
    const off = await app('POST', `/app/v1/ai-agents/${created.agent.id}/handoff`, { enabled: false });
    expect(off.body.agent.handoffEnabled).toBe(false);
    const refused = await v1(created.apiKey, 'POST', '/v1/handoffs', handoffBody());
    expect(refused.status).toBe(409);
    expect((await app('POST', `/app/v1/ai-agents/${created.agent.id}/handoff`, { enabled: true })).body.agent.handoffEnabled).toBe(true);
  });

  it('keeps counting an agent\'s open handoffs in the answers to a switch, key or callback change (the page shows them)', async () => {
    // A connected Zendesk, so the handoff gets its ticket and stays open (without one it fails after its retries).
    const zendesk = await startZendeskEmulator();
    try {
      zendesk.addApiToken('admin@acme.test', 'dev-token');
      await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: zendesk.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
      const created = await create('Busy bot');
      const handoff = await v1(created.apiKey, 'POST', '/v1/handoffs', handoffBody());
      expect(handoff.status).toBe(201);
      const sessionId = ((await handoff.json()) as { session: { id: string } }).session.id;
      const state = async () => ((await (await v1(created.apiKey, 'GET', `/v1/sessions/${sessionId}`)).json()) as { session: { state: string } }).session.state;
      await waitFor('the ticket', async () => (await state()) === 'waiting');
      const base = `/app/v1/ai-agents/${created.agent.id}`;
      const key = await app('POST', `${base}/keys`, {});
      const answers = {
        handoff: await app('POST', `${base}/handoff`, { enabled: false }),
        keys: key,
        revoke: await app('POST', `${base}/keys/${key.body.keyId}/revoke`, {}),
        callback: await app('POST', `${base}/callback-url`, { callbackUrl: platform.url }),
      };
      expect(await state()).toBe('waiting');
      expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.body.agent.openSessions]))).toEqual({ handoff: 1, keys: 1, revoke: 1, callback: 1 });
    } finally {
      await zendesk.stop();
    }
  });

  it('deletes an agent: gone from the lists, its keys refused, its open handoff counted and left on its ticket', async () => {
    const created = await create('Doomed bot');
    const spare = (await app('POST', `/app/v1/ai-agents/${created.agent.id}/keys`, {})).body.apiKey as string;
    const handoff = await fetch(`${t.url}/v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.apiKey}`, 'content-type': 'application/json', 'idempotency-key': `del-${Date.now()}` },
      body: JSON.stringify(handoffBody()),
    });
    expect(handoff.status).toBe(201);
    const listed = (await app('GET', '/app/v1/ai-agents')).body.agents.find((a: { id: string }) => a.id === created.agent.id);
    expect(listed.openSessions).toBe(1);
    const deleted = await app('POST', `/app/v1/ai-agents/${created.agent.id}/delete`, {});
    expect(deleted.body).toEqual({ deleted: true, openSessions: 1 });
    expect((await app('GET', '/app/v1/ai-agents')).body.agents.map((a: { id: string }) => a.id)).not.toContain(created.agent.id);
    expect((await app('GET', '/app/v1/agents')).body.agents.map((a: { id: string }) => a.id)).not.toContain(created.agent.id);
    expect((await v1(spare, 'GET', '/v1/rules')).status).toBe(401);
    expect((await v1(created.apiKey, 'GET', '/v1/rules')).status).toBe(401);
    expect((await app('POST', `/app/v1/ai-agents/${created.agent.id}/delete`, {})).status).toBe(404);
  });
});

describe('the test event with CALLBACK_ALLOW_PRIVATE_HOSTS=false', () => {
  let t: TestRelay;
  // In a hook (generous bound): starting a second relay is the slow part on a busy machine, not what is tested.
  beforeAll(async () => {
    t = await startTestRelay('pglite', { env: { CALLBACK_ALLOW_PRIVATE_HOSTS: 'false' } });
  });
  afterAll(() => t?.stop());

  it('does not reach a private address and says why', async () => {
    const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    const session = signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 7, exp: Date.now() + 60_000 });
    const res = await fetch(`${t.url}/app/v1/ai-agents/${t.agentId}/test-event`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url })}`, 'x-baton-admin-session': session, 'content-type': 'application/json' },
      body: '{}',
    });
    const { result } = (await res.json()) as { result: { delivered: boolean; status: null; error: string } };
    expect(result).toMatchObject({ delivered: false, status: null });
    expect(result.error).toMatch(/callback_blocked/);
    expect(t.receiver.received).toEqual([]);
  });
});
