import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { connectZendesk, createTenant, rotateAppSecret } from '../relay/admin.js';
import { findAgent } from '../store/tenants.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { appCaller } from './app-token.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';

warnIfPostgresSkipped('agents-settings-admin.test.ts');

/** The AI agents page's settings routes: an agent's callback URL, and what happens while a customer waits. */
describe.each(BACKENDS)('AI agent settings from the admin page (%s)', (backend) => {
  let t: TestRelay;
  let z: ZendeskEmulator;
  let appSecret = '';
  let admin = '';
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addApiToken('admin@acme.test', 'dev-token');
    z.schedules.add({ name: 'Berlin', time_zone: 'Berlin' });
    z.schedules.add({ name: 'Tokyo', time_zone: 'Tokyo' });
    t = await startTestRelay(backend);
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    admin = signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 7, exp: Date.now() + 3_600_000 });
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  // The relay is started in beforeAll: the caller reads it, its app secret and the admin session at each call.
  const app = (...args: Parameters<ReturnType<typeof appCaller>>) => appCaller(t, () => appSecret, () => admin)(...args);

  it('refuses the settings to anyone but an admin of this account (403 admin_required)', async () => {
    const other = await createTenant(t.relay.db, { name: 'Other' });
    const foreign = signAdminSession(t.relay.masterKey, { tenantId: other.id, zendeskUserId: 7, exp: Date.now() + 60_000 });
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/app/v1/ai-agents/${t.agentId}/waiting-settings`],
      ['POST', `/app/v1/ai-agents/${t.agentId}/waiting-settings`, { useBusinessHours: false }],
      ['POST', `/app/v1/ai-agents/${t.agentId}/callback-url`, { callbackUrl: 'https://evil.example/hook' }],
    ];
    for (const session of [undefined, foreign]) {
      for (const [method, path, body] of attempts) {
        const res = await app(method, path, body, session ?? '');
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('admin_required');
      }
    }
    expect((await findAgent(t.relay.db, t.agentId))!.callbackUrl).not.toBe('https://evil.example/hook');
  });

  it("changes an agent's callback URL with the same checks as at creation", async () => {
    for (const callbackUrl of ['ftp://files.example', 'not a url', '', 42]) {
      const res = await app('POST', `/app/v1/ai-agents/${t.agentId}/callback-url`, { callbackUrl });
      expect(res.status, String(callbackUrl)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.issues[0].path).toBe('callbackUrl');
    }
    expect((await app('POST', `/app/v1/ai-agents/${t.agentId}/callback-url`, 'not json')).status).toBe(400);
    const missing = await app('POST', '/app/v1/ai-agents/agt_nope/callback-url', { callbackUrl: 'https://ai.example/new' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'agent_not_found']);
    const ok = await app('POST', `/app/v1/ai-agents/${t.agentId}/callback-url`, { callbackUrl: 'https://ai.example/new' });
    expect(ok.status).toBe(200);
    expect(ok.body.agent).toMatchObject({ id: t.agentId, callbackUrl: 'https://ai.example/new' });
    expect((await findAgent(t.relay.db, t.agentId))!.callbackUrl).toBe('https://ai.example/new');
  });

  it("reads and changes the waiting settings, listing the account's schedules for the group map", async () => {
    const read = await app('GET', `/app/v1/ai-agents/${t.agentId}/waiting-settings`);
    expect(read.status).toBe(200);
    expect(read.body.settings.noAgentTimeout.minutes).toBeNull();
    expect(read.body.schedules.map((s: { name: string }) => s.name)).toEqual(['Berlin', 'Tokyo']);
    const tokyo = read.body.schedules[1].id as string;

    const changed = await app('POST', `/app/v1/ai-agents/${t.agentId}/waiting-settings`, {
      noAgentTimeout: { minutes: 30, action: 'return_to_ai' },
      agentSilent: { minutes: 15, businessHours: true },
      scheduleByGroup: { 360001: tokyo },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({
      noAgentTimeout: { minutes: 30, action: 'return_to_ai', businessHours: true, tag: 'baton_no_agent' },
      agentSilent: { minutes: 15, businessHours: true, note: true },
      scheduleByGroup: { 360001: tokyo },
    });
    expect((await app('GET', `/app/v1/ai-agents/${t.agentId}/waiting-settings`)).body.settings.agentSilent.minutes).toBe(15);

    // Refusals name the field and change nothing.
    for (const bad of [{ noAgentTimeout: { minutes: 0 } }, { agentSilent: { tag: 'Not A Tag' } }, { scheduleByGroup: { sales: '1' } }, { unknown: true }]) {
      const res = await app('POST', `/app/v1/ai-agents/${t.agentId}/waiting-settings`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await app('GET', `/app/v1/ai-agents/${t.agentId}/waiting-settings`)).body.settings.noAgentTimeout.minutes).toBe(30);
    expect((await app('GET', '/app/v1/ai-agents/agt_nope/waiting-settings')).status).toBe(404);
    // What PostgreSQL cannot hold (a NUL in a rule id, a lone surrogate) is a 4xx naming it, never a 500.
    for (const raw of ['{"ruleOverrides":{"a\\u0000b":{}}}', '{"agentSilent":{"tag":"\\ud800"}}', '[[[[]]]]', 'nope']) {
      const res = await app('POST', `/app/v1/ai-agents/${t.agentId}/waiting-settings`, raw);
      expect(res.status, raw).toBeGreaterThanOrEqual(400);
      expect(res.status, raw).toBeLessThan(500);
    }
    expect((await app('GET', `/app/v1/ai-agents/${t.agentId}/waiting-settings`)).body.settings.ruleOverrides).toEqual({});
  });
});
