import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInvocation } from '../store/zendesk-inbox.js';
import { connectLinkToken, CONNECT_LINK_TTL_MS } from '../zendesk/oauth-routes.js';
import { createRetentionJob } from '../zendesk/retention-job.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';

warnIfPostgresSkipped('retention.test.ts');

/** Connect links open one OAuth flow; abandoned flows and old webhook invocations do not stay forever. */
describe.each(BACKENDS)('retention and single-use connect links on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  const client = { clientId: 'zdg-baton', clientSecret: 'shh' };
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addOAuthClient({ id: client.clientId, secret: client.clientSecret });
    // The job's timer stays off: the test runs its ticks itself.
    t = await startTestRelay(backend, { env: { ZENDESK_CLIENT_ID: client.clientId, ZENDESK_CLIENT_SECRET: client.clientSecret, PURGE_INTERVAL_MS: '0' } });
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const newLink = () => connectLinkToken(t.relay.masterKey, t.tenantId, z.baseUrl, Date.now() + CONNECT_LINK_TTL_MS);
  const start = (link: string) => fetch(`${t.url}/zendesk/oauth/start?link=${link}`, { redirect: 'manual' });
  /** Starts a flow and returns the URL Zendesk would send the admin back to (carrying the state). */
  const startFlow = async () => {
    const res = await start(newLink());
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.get('location')!);
    const approve = await fetch(authorize, { redirect: 'manual' });
    return { state: authorize.searchParams.get('state')!, callback: approve.headers.get('location')! };
  };
  const stateExists = async (state: string) => (await t.relay.db.query('SELECT 1 FROM oauth_states WHERE state = $1', [state])).rowCount > 0;
  const ageState = (state: string, minutes: number) =>
    t.relay.db.query(`UPDATE oauth_states SET created_at = now() - make_interval(mins => $2) WHERE state = $1`, [state, minutes]);

  it('opens one OAuth flow per connect link; a second use gets connect_link_used', async () => {
    const link = newLink();
    expect((await start(link)).status).toBe(302);
    const again = await start(link);
    expect(again.status).toBe(410);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('connect_link_used');
    // Another link for the same tenant is not burnt by it.
    expect((await start(newLink())).status).toBe(302);
  });

  it('refuses an OAuth state older than its TTL, and purges abandoned ones', async () => {
    const late = await startFlow();
    await ageState(late.state, 31);
    expect((await fetch(late.callback, { redirect: 'manual' })).status).toBe(403);

    const abandoned = await startFlow();
    const fresh = await startFlow();
    await ageState(abandoned.state, 31);
    const counts = await t.relay.retention!.tick();
    expect(counts.oauthStates).toBeGreaterThanOrEqual(1);
    expect(await stateExists(abandoned.state)).toBe(false);
    expect(await stateExists(fresh.state)).toBe(true);
    // The fresh flow still completes.
    expect((await fetch(fresh.callback, { redirect: 'manual' })).status).toBe(200);
  });

  it('purges processed Zendesk invocations after the retention, keeping recent ones for deduplication', async () => {
    expect(await recordInvocation(t.relay.db, t.tenantId, 'inv-old', { ticket: 1 })).toBe(true);
    expect(await recordInvocation(t.relay.db, t.tenantId, 'inv-recent', { ticket: 2 })).toBe(true);
    await t.relay.db.query(`UPDATE zendesk_inbox SET received_at = now() - interval '8 days' WHERE invocation_id = 'inv-old'`);
    await t.relay.db.query(`UPDATE zendesk_inbox SET received_at = now() - interval '6 days' WHERE invocation_id = 'inv-recent'`);
    // Two relays on one database purging at the same moment: no error, each row deleted once.
    const other = createRetentionJob({ db: t.relay.db, log: pino({ level: 'silent' }), intervalMs: 0 });
    const [a, b] = await Promise.all([t.relay.retention!.tick(), other.tick()]);
    expect(a.inbox + b.inbox).toBe(1);
    const { rows } = await t.relay.db.query<{ invocation_id: string }>(`SELECT invocation_id FROM zendesk_inbox WHERE invocation_id LIKE 'inv-%'`);
    expect(rows.map((r) => r.invocation_id)).toEqual(['inv-recent']);
    // Within the retention a repeat is still recognised.
    expect(await recordInvocation(t.relay.db, t.tenantId, 'inv-recent', { ticket: 2 })).toBe(false);
  });

  it('forgets used connect links once they have expired', async () => {
    const link = newLink();
    expect((await start(link)).status).toBe(302);
    await t.relay.db.query(`UPDATE connect_links_used SET expires_at = now() - interval '1 minute'`);
    expect((await t.relay.retention!.tick()).connectLinks).toBeGreaterThanOrEqual(1);
    expect((await t.relay.db.query('SELECT 1 FROM connect_links_used')).rowCount).toBe(0);
  });
});
