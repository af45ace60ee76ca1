import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentials } from '../zendesk/credentials.js';
import { connectLinkToken, CONNECT_LINK_TTL_MS } from '../zendesk/oauth-routes.js';
import { createTokenProvider } from '../zendesk/token-provider.js';
import { findTenant } from '../store/tenants.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { randomUUID } from 'node:crypto';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

describe('connecting Zendesk with OAuth (PGlite, emulator)', () => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  const client = { clientId: 'zdg-baton', clientSecret: 'shh' };
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addOAuthClient({ id: client.clientId, secret: client.clientSecret });
    t = await startTestRelay('pglite', { env: { ZENDESK_CLIENT_ID: client.clientId, ZENDESK_CLIENT_SECRET: client.clientSecret } });
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const credentials = async () => openCredentials(t.relay.masterKey, (await findTenant(t.relay.db, t.tenantId))!.zendeskCredentialsEnc!);

  it('runs the authorization-code flow with PKCE from a signed connect link and stores tokens sealed', async () => {
    const link = connectLinkToken(t.relay.masterKey, t.tenantId, z.baseUrl, Date.now() + CONNECT_LINK_TTL_MS);
    const start = await fetch(`${t.url}/zendesk/oauth/start?link=${link}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const approve = await fetch(authorize, { redirect: 'manual' });
    const callback = await fetch(approve.headers.get('location')!, { redirect: 'manual' });
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Zendesk connected');
    const stored = await credentials();
    expect(stored).toMatchObject({ type: 'oauth' });
    const sealed = (await findTenant(t.relay.db, t.tenantId))!.zendeskCredentialsEnc!;
    expect(sealed).not.toContain(stored.type === 'oauth' ? stored.accessToken : 'x');
    // The state is single-use.
    expect((await fetch(approve.headers.get('location')!, { redirect: 'manual' })).status).toBe(403);
  });

  it('refuses forged or expired connect links', async () => {
    const forged = connectLinkToken(Buffer.alloc(32, 1), t.tenantId, z.baseUrl, Date.now() + 60_000);
    expect((await fetch(`${t.url}/zendesk/oauth/start?link=${forged}`, { redirect: 'manual' })).status).toBe(403);
    const expired = connectLinkToken(t.relay.masterKey, t.tenantId, z.baseUrl, Date.now() - 1);
    expect((await fetch(`${t.url}/zendesk/oauth/start?link=${expired}`, { redirect: 'manual' })).status).toBe(403);
  });

  it('refreshes an expiring token once for many concurrent callers, and the rotated token works', async () => {
    const before = await credentials();
    if (before.type !== 'oauth') throw new Error('expected oauth');
    const expiring = { ...before, expiresAt: Date.now() - 1 };
    const tokens = createTokenProvider(t.relay.db, t.relay.masterKey, client);
    const headers = await Promise.all(Array.from({ length: 5 }, () => tokens(t.tenantId, expiring)));
    expect(new Set(headers).size).toBe(1);
    const after = await credentials();
    if (after.type !== 'oauth') throw new Error('expected oauth');
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    const res = await fetch(`${z.baseUrl}/api/v2/tickets`, { headers: { authorization: headers[0]! } });
    expect(res.status).toBe(200);
    // A second provider (another relay process) holding the stale token finds the new one instead of refreshing again.
    const other = createTokenProvider(t.relay.db, t.relay.masterKey, client);
    expect(await other(t.tenantId, expiring)).toBe(headers[0]);
  });

  it('writes customer lines as the end user when the token may impersonate', async () => {
    expect(await credentials()).toMatchObject({ scopes: expect.arrayContaining(['impersonate']) });
    const res = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const ticket = await waitFor('ticket', () => z.tickets().find((x) => x.external_id === `baton:${id}`));
    await waitFor('waiting', async () => (await t.api('GET', `/v1/sessions/${id}`)).body.session.state === 'waiting');
    await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'imp-1', role: 'user', text: 'as myself', createdAt: new Date().toISOString() });
    const comment = await waitFor('comment', () => z.ticket(ticket.id)!.comments.find((c) => c.body === 'as myself'));
    expect(comment.author_id).toBe(ticket.requester_id);
    expect(comment.public).toBe(true);
    expect(z.requestCount({ method: 'PUT', pathPrefix: `/api/v2/requests/${ticket.id}` })).toBe(1);
  });
});
