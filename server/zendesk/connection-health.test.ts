import { describe, expect, it } from 'vitest';
import { compareProvisioning, provisioningHealthy } from './connection-health.js';
import { triggerSpecs, WEBHOOK_NAME } from './provision.js';

const endpoint = 'https://relay.example/zendesk/webhooks/ten_1';
const allTriggers = () => triggerSpecs().map((s) => ({ title: s.title, active: true }));

describe('connection health: what provisioning made, as Zendesk lists it', () => {
  it('is healthy only with the active webhook at this endpoint and every trigger active', () => {
    expect(provisioningHealthy(compareProvisioning([{ name: WEBHOOK_NAME, status: 'active', endpoint }], allTriggers(), endpoint))).toBe(true);
    // Pointing at another relay (moved, or someone edited it), deactivated, or gone.
    const moved = compareProvisioning([{ name: WEBHOOK_NAME, status: 'active', endpoint: 'https://old.example/x' }], allTriggers(), endpoint);
    expect(moved.webhook).toEqual({ present: true, active: true, endpointMatches: false });
    expect(provisioningHealthy(moved)).toBe(false);
    expect(provisioningHealthy(compareProvisioning([{ name: WEBHOOK_NAME, status: 'inactive', endpoint }], allTriggers(), endpoint))).toBe(false);
    expect(compareProvisioning([{ name: 'Something else', status: 'active', endpoint }], allTriggers(), endpoint).webhook.present).toBe(false);
  });

  it('names each trigger that is missing or switched off', () => {
    const [first, ...rest] = allTriggers();
    const state = compareProvisioning([{ name: WEBHOOK_NAME, status: 'active', endpoint }], [{ ...first!, active: false }, ...rest.slice(1)], endpoint);
    expect(state.triggers.map((t) => [t.present, t.active])).toEqual([[true, false], [false, false], [true, true]]);
    expect(provisioningHealthy(state)).toBe(false);
  });
});
