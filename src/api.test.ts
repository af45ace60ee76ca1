import { describe, expect, it } from 'vitest';
import { createRelayApi } from './api.js';
import { session, stubClient } from './sidebar-fixtures.js';

/** What a proxy or captive portal in front of the relay answers with a 200: a page, not the relay's JSON. */
const HTML = '<!doctype html><html><body><h1>Please sign in to the network</h1></body></html>';
const api = (answer: (options: Record<string, unknown>) => unknown) => createRelayApi(stubClient(answer).client, { relayUrl: 'https://relay.test', tenantId: 'ten_1' });

describe('relay answers that are not JSON', () => {
  it('reads a live-stream event that is not JSON as unreadable (the poll goes on) instead of throwing in the listener', () => {
    const relay = api(() => ({}));
    expect(relay.parse(HTML)).toBeUndefined();
    expect(relay.parse(JSON.stringify(session()))?.id).toBe('ses_1');
  });

  it('calls an action answered with a page an unexpected answer, not an unreachable relay (the relay was reached)', async () => {
    const relay = api(() => HTML);
    expect(await relay.returnToAi('ses_1', '')).toEqual({ kind: 'failed', problem: 'unexpected' });
    expect(await relay.takeOver('ses_1')).toEqual({ kind: 'failed', problem: 'unexpected' });
  });

  it('still says the relay URL leads somewhere else when a ticket\'s session comes back as a page, and reads JSON given as text', async () => {
    await expect(api(() => HTML).load('42')).rejects.toMatchObject({ problem: 'misconfigured' });
    expect(await api(() => JSON.stringify({ session: session() })).load('42')).toMatchObject({ kind: 'session', session: { id: 'ses_1' } });
    expect(await api(() => HTML).streamUrl('ses_1', '42')).toBeUndefined();
    expect(await api(() => HTML).earlier('ses_1', 'm1', 10)).toBeUndefined();
  });
});
