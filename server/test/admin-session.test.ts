import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { connectZendesk, createTenant, rotateAppSecret } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { proxyToken } from './app-token.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';

warnIfPostgresSkipped('admin-session.test.ts');

const APP_ORIGIN = 'http://localhost:4590';
const rule = { name: 'Legal threats', conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }], any: [] }, action: { type: 'handoff', reasonCode: 'policy' } };

/**
 * Admin-only actions of the Zendesk app need more than the installation's JWT (which every agent who
 * can load the app can make the proxy sign): an admin session, issued only after the person proved,
 * through their own Zendesk OAuth grant, that Zendesk calls them an admin of the tenant's account.
 */
describe.each(BACKENDS)('admin sessions for the app (%s, Zendesk emulator)', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  let appSecret = '';
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addOAuthClient({ id: 'zdg-baton', secret: 'shh' });
    z.addApiToken('admin@acme.test', 'dev-token');
    t = await startTestRelay(backend, { env: { ZENDESK_CLIENT_ID: 'zdg-baton', ZENDESK_CLIENT_SECRET: 'shh' } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const app = async (method: string, path: string, body?: unknown, session?: string) => {
    const jwt = await proxyToken(appSecret, { tenant: t.tenantId }, { aud: t.url });
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', ...(session ? { 'x-baton-admin-session': session } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** The popup: start through the proxy, approve at Zendesk as whoever is signed in there, land on the relay's callback. */
  const signInThroughZendesk = async (as: 'admin' | 'agent') => {
    z.signIn(as);
    const start = await app('POST', '/app/v1/admin-session', { origin: APP_ORIGIN });
    expect(start.status).toBe(200);
    const authorize = new URL(start.body.url);
    expect(authorize.origin).toBe(new URL(z.baseUrl).origin);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const approve = await fetch(authorize, { redirect: 'manual' });
    const callback = await fetch(approve.headers.get('location')!, { redirect: 'manual' });
    const page = await callback.text();
    return { status: callback.status, page, token: /"token":"([^"]+)"/.exec(page)?.[1] };
  };

  it('refuses rule changes to an agent holding only the app JWT (403 admin_required), while reading and trying rules still work', async () => {
    const created = await app('POST', `/app/v1/agents/${t.agentId}/rules`, rule);
    expect(created.status).toBe(403);
    expect(created.body.error.code).toBe('admin_required');
    const rules = await app('GET', `/app/v1/agents/${t.agentId}/rules`);
    expect(rules.status).toBe(200);
    const toggled = await app('POST', `/app/v1/agents/${t.agentId}/rules/${rules.body.rules[0].id}/enabled`, { enabled: false });
    expect(toggled.status).toBe(403);
    expect(toggled.body.error.code).toBe('admin_required');
    expect((await app('POST', `/app/v1/agents/${t.agentId}/rules/test`, { turn: { text: 'I want a human' } })).status).toBe(200);
    expect((await app('GET', `/app/v1/agents/${t.agentId}/rules`)).body.rules.every((r: { enabled: boolean }) => r.enabled)).toBe(true);
  });

  it('lets an admin who signed in with Zendesk change the rules, and posts the session only to the app origin', async () => {
    const signIn = await signInThroughZendesk('admin');
    expect(signIn.status).toBe(200);
    expect(signIn.page).toContain(`"${APP_ORIGIN}"`);
    const session = signIn.token!;
    expect((await app('GET', '/app/v1/admin-session', undefined, session)).body).toMatchObject({ admin: true });
    const created = await app('POST', `/app/v1/agents/${t.agentId}/rules`, rule, session);
    expect(created.status).toBe(201);
    const toggled = await app('POST', `/app/v1/agents/${t.agentId}/rules/${created.body.rule.id}/enabled`, { enabled: false }, session);
    expect(toggled.status).toBe(200);
    expect(toggled.body.rule.enabled).toBe(false);
  });

  it('gives no session to an agent who completes the Zendesk sign-in', async () => {
    const signIn = await signInThroughZendesk('agent');
    expect(signIn.status).toBe(403);
    expect(signIn.token).toBeUndefined();
    expect(signIn.page).toContain('admin_required');
    expect(signIn.page).toContain('as an agent');
  });

  it('refuses forged, expired and other-tenant sessions', async () => {
    const other = await createTenant(t.relay.db, { name: 'Other' });
    const inAnHour = Date.now() + 3_600_000;
    const sessions = {
      forged: signAdminSession(Buffer.alloc(32, 9), { tenantId: t.tenantId, zendeskUserId: 1, exp: inAnHour }),
      expired: signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 1, exp: Date.now() - 1 }),
      otherTenant: signAdminSession(t.relay.masterKey, { tenantId: other.id, zendeskUserId: 1, exp: inAnHour }),
      garbage: 'as1.e30.AAAA',
    };
    for (const [name, session] of Object.entries(sessions)) {
      const res = await app('POST', `/app/v1/agents/${t.agentId}/rules`, rule, session);
      expect([name, res.status, res.body.error?.code]).toEqual([name, 403, 'admin_required']);
    }
  });

  it('starts a sign-in only for an origin the app is served from', async () => {
    const res = await app('POST', '/app/v1/admin-session', { origin: 'https://evil.example' });
    expect(res.status).toBe(422);
    expect((await app('POST', '/app/v1/admin-session', { origin: `${APP_ORIGIN}/path` })).status).toBe(422);
  });
});
