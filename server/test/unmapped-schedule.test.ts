import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { startTestRelay, type TestRelay } from './harness.js';
import { createCapturedLog } from './log-capture.js';

const PINO_WARN = 40;

/**
 * A Zendesk schedule whose (Rails) time zone the relay cannot map to an IANA zone was skipped silently: no log line,
 * and the waiting settings listed the other schedules as if it did not exist. Now the operator reads one warning
 * naming the tenant, schedule and zone, and the settings answer names it with its zone.
 */
describe('a Zendesk schedule in a time zone the relay cannot map', () => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  const captured = createCapturedLog();
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addApiToken('admin@acme.test', 'dev-token');
    z.schedules.add({ name: 'Mars base', time_zone: 'Olympus Mons' });
    z.schedules.add({ name: 'Berlin', time_zone: 'Berlin' });
    t = await startTestRelay('pglite', { log: captured.log });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  it('is named in the waiting settings with its zone, and warned about once in the log', async () => {
    const path = `/v1/agents/${t.agentId}/waiting-settings`;
    const first = await t.api('GET', path);
    expect(first.status).toBe(200);
    expect(first.body.schedules).toEqual([{ id: expect.any(String), name: 'Berlin', timeZone: 'Europe/Berlin' }]);
    expect(first.body.unmappedSchedules).toEqual([{ id: expect.any(String), name: 'Mars base', zendeskTimeZone: 'Olympus Mons' }]);
    expect((await t.api('GET', path)).body.unmappedSchedules).toHaveLength(1);
    const warnings = captured.lines().filter((l) => l.level === PINO_WARN && /cannot map to an IANA zone/.test(l.msg ?? ''));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ tenantId: t.tenantId, scheduleName: 'Mars base', zendeskTimeZone: 'Olympus Mons' });
    expect(warnings[0]!.msg).toContain(`tenant ${t.tenantId}: the Zendesk schedule "Mars base"`);
    expect(warnings[0]!.msg).toContain('the first schedule the relay understands');
  });
});
