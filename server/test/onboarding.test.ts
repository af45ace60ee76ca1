import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../cli/commands.js';
import { connectZendesk, createTenant, rotateAppSecret } from '../relay/admin.js';
import { findTenant, listTenants } from '../store/tenants.js';
import { openCredentials } from '../zendesk/credentials.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { proxyToken } from './app-token.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';

warnIfPostgresSkipped('onboarding.test.ts');

/** What the popup page posts to the app (its inline script), parsed back out of the HTML. */
const postedMessage = (html: string) => JSON.parse(/postMessage\((\{.*?\}), "/.exec(html)![1]!.replace(/\\u003c/g, '<')) as Record<string, unknown>;

describe.each(BACKENDS)('onboarding from the app: Connect Baton (%s, Zendesk emulator)', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  const appOrigin = 'http://localhost:4567';
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addOAuthClient({ id: 'zdg-baton', secret: 'shh' });
    // Every subdomain lives at the emulator (one account per test is enough: the proof is per token, per account).
    t = await startTestRelay(backend, { env: { ZENDESK_CLIENT_ID: 'zdg-baton', ZENDESK_CLIENT_SECRET: 'shh', ZENDESK_URL_TEMPLATE: z.baseUrl } });
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });
  beforeEach(() => void z.signIn('admin'));

  const start = (body: unknown) => fetch(`${t.url}/app/v1/onboarding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** Start, let the signed-in Zendesk user approve, and return the callback URL the popup lands on. */
  const approve = async (subdomain: string, installationId: number) => {
    const res = await start({ subdomain, installationId, origin: appOrigin });
    expect(res.status).toBe(200);
    const authorize = new URL(((await res.json()) as { url: string }).url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const approved = await fetch(authorize, { redirect: 'manual' });
    return approved.headers.get('location')!;
  };

  it('connects a fresh installation end to end: tenant created, connection checked, provisioned, settings filled', async () => {
    const before = (await listTenants(t.relay.db)).length;
    const installation = z.installApp({ settings: { relay_url: t.url } });
    const callback = await fetch(await approve('fresh', installation.id));
    expect(callback.status).toBe(200);
    const message = postedMessage(await callback.text());
    expect(message).toMatchObject({ type: 'baton.onboarding', created: true, settingsSaved: true });
    // Saved into the installation: the secret never travels to the browser.
    expect(message.sharedSecret).toBeUndefined();
    const settings = z.installation(installation.id)!.settings;
    expect(settings.tenant_id).toBe(message.tenantId);
    expect(typeof settings.shared_secret).toBe('string');
    expect((await listTenants(t.relay.db)).length).toBe(before + 1);
    expect((await findTenant(t.relay.db, String(message.tenantId)))!.zendeskSubdomain).toBe('fresh');
    // Provisioned: the webhook points at this tenant, and the installation's JWT reads a healthy connection.
    const jwt = await proxyToken(String(settings.shared_secret), { tenant: message.tenantId }, { aud: t.url });
    const health = await fetch(`${t.url}/app/v1/connection`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ healthy: true, access: { ok: true, code: 'connected', user: expect.any(String) }, provisioning: { webhook: { present: true, active: true, endpointMatches: true } }, lastWebhookAt: null });

    // The same callback URL again (a replayed state) does nothing.
    const replay = await fetch(callback.url);
    expect(replay.status).toBe(403);
  });

  it('refuses a Zendesk agent on the server: no tenant, no connection, the installation untouched', async () => {
    const before = (await listTenants(t.relay.db)).length;
    const installation = z.installApp({ settings: { relay_url: t.url } });
    z.signIn('agent');
    const callback = await fetch(await approve('agents-only', installation.id));
    expect(callback.status).toBe(403);
    expect(postedMessage(await callback.text())).toMatchObject({ type: 'baton.onboarding', error: 'admin_required' });
    expect((await listTenants(t.relay.db)).length).toBe(before);
    expect(z.installation(installation.id)!.settings).toEqual({ relay_url: t.url });
  });

  it('refuses an unknown state, and a start from an origin the app is not served from', async () => {
    expect((await fetch(`${t.url}/zendesk/oauth/callback?state=made-up&code=x`)).status).toBe(403);
    const forged = await start({ subdomain: 'acme', installationId: 1, origin: 'https://evil.example' });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    const badSubdomain = await start({ subdomain: 'acme.evil.example/x', installationId: 1, origin: appOrigin });
    expect(badSubdomain.status).toBe(422);
  });

  it('cannot take over an existing tenant: a non-admin changes nothing; a proven admin re-connects it and keeps its secret', async () => {
    const victim = await createTenant(t.relay.db, { name: 'Victim', zendeskSubdomain: 'victim' });
    await connectZendesk(t.relay.db, t.relay.masterKey, victim.id, { subdomain: 'victim', baseUrl: z.baseUrl, credentials: { type: 'oauth', accessToken: z.issueAccessToken().accessToken } });
    const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, victim.id);
    const sealedBefore = (await findTenant(t.relay.db, victim.id))!.zendeskCredentialsEnc;
    // Someone who knows the subdomain but is not its admin: refused, the tenant's connection is the same bytes.
    z.signIn({ role: 'agent', name: 'Mallory' });
    const attempt = await fetch(await approve('victim', z.installApp({ settings: { relay_url: t.url } }).id));
    expect(attempt.status).toBe(403);
    expect((await findTenant(t.relay.db, victim.id))!.zendeskCredentialsEnc).toBe(sealedBefore);

    // The account's admin re-connects: the same tenant, a new token, and the shared secret agents already use.
    z.signIn('admin');
    const installation = z.installApp({ settings: { relay_url: t.url } });
    const reconnect = await fetch(await approve('victim', installation.id));
    expect(reconnect.status).toBe(200);
    expect(postedMessage(await reconnect.text())).toMatchObject({ tenantId: victim.id, created: false, settingsSaved: true });
    expect(z.installation(installation.id)!.settings.shared_secret).toBe(secret);
    expect((await findTenant(t.relay.db, victim.id))!.zendeskCredentialsEnc).not.toBe(sealedBefore);
    expect(openCredentials(t.relay.masterKey, (await findTenant(t.relay.db, victim.id))!.zendeskCredentialsEnc!).type).toBe('oauth');
  });

  it('shows the settings once when the installation does not point at this relay, and never writes to it', async () => {
    const elsewhere = z.installApp({ settings: { relay_url: 'https://other-relay.example' } });
    const callback = await fetch(await approve('elsewhere', elsewhere.id));
    expect(callback.status).toBe(200);
    const message = postedMessage(await callback.text());
    expect(message).toMatchObject({ settingsSaved: false });
    expect(typeof message.sharedSecret).toBe('string');
    expect(z.installation(elsewhere.id)!.settings).toEqual({ relay_url: 'https://other-relay.example' });
  });

  it('repairs a deleted trigger for an admin session only', async () => {
    const installation = z.installApp({ settings: { relay_url: t.url } });
    const message = postedMessage(await (await fetch(await approve('repairs', installation.id))).text());
    const jwt = await proxyToken(String(z.installation(installation.id)!.settings.shared_secret), { tenant: message.tenantId }, { aud: t.url });
    const repair = (headers: Record<string, string>) => fetch(`${t.url}/app/v1/connection/repair`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, ...headers } });
    // Someone deletes one of Baton's triggers in Zendesk: the health says so.
    const admin = { authorization: `Bearer ${z.issueAccessToken().accessToken}` };
    const { triggers } = (await (await fetch(`${z.baseUrl}/api/v2/triggers`, { headers: admin })).json()) as { triggers: Array<{ id: number; title: string }> };
    const solved = triggers.find((x) => x.title === 'Baton: ticket solved')!;
    expect((await fetch(`${z.baseUrl}/api/v2/triggers/${solved.id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    const broken = (await (await fetch(`${t.url}/app/v1/connection`, { headers: { authorization: `Bearer ${jwt}` } })).json()) as { healthy: boolean; provisioning: { triggers: Array<{ title: string; present: boolean }> } };
    expect(broken.healthy).toBe(false);
    expect(broken.provisioning.triggers.find((x) => x.title === 'Baton: ticket solved')!.present).toBe(false);
    expect((await repair({})).status).toBe(403);
    const repaired = await repair({ 'x-baton-admin-session': String(message.adminSession) });
    expect(repaired.status).toBe(200);
    expect(await repaired.json()).toMatchObject({ healthy: true, repairProblem: null, repaired: ['trigger "Baton: ticket solved"'] });
  });

  it('rate-limits unauthenticated starts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await start({ subdomain: 'flood', installationId: 1, origin: appOrigin })).status);
    expect(statuses).toContain(429);
  });
});

describe('tenant:connect-zendesk checks the token before storing it', () => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  beforeAll(async () => {
    z = await startZendeskEmulator();
    t = await startTestRelay('pglite');
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  it('refuses a token Zendesk does not accept, with the reason, and stores nothing; stores one it accepts', async () => {
    const lines: string[] = [];
    const ctx = { db: t.relay.db, masterKey: t.relay.masterKey, publicBaseUrl: t.url, print: (l: string) => lines.push(l) };
    await expect(runCommand(ctx, ['tenant:connect-zendesk', '--tenant', t.tenantId, '--base-url', z.baseUrl, '--access-token', 'fake-token'])).rejects.toThrow(
      /Nothing was stored: Zendesk did not accept the credentials/,
    );
    expect((await findTenant(t.relay.db, t.tenantId))!.zendeskCredentialsEnc).toBeNull();
    // Unreachable Zendesk: refused too, saying where it looked.
    await expect(runCommand(ctx, ['tenant:connect-zendesk', '--tenant', t.tenantId, '--base-url', 'http://127.0.0.1:9', '--access-token', 'x'])).rejects.toThrow(/unreachable at http:\/\/127\.0\.0\.1:9/);
    const token = z.issueAccessToken().accessToken;
    expect(await runCommand(ctx, ['tenant:connect-zendesk', '--tenant', t.tenantId, '--base-url', z.baseUrl, '--access-token', token])).toBe(0);
    expect(lines.at(-1)).toMatch(/Zendesk connection stored .*Connected to Zendesk as Relay Admin \(admin\)/);
    expect((await findTenant(t.relay.db, t.tenantId))!.zendeskCredentialsEnc).not.toBeNull();
  });
});
