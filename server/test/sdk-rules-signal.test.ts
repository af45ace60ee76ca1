import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatonClient } from '../../sdk/src/index.js';
import { createApiKey } from '../relay/admin.js';
import { listRules } from '../store/rules.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';

warnIfPostgresSkipped('sdk-rules-signal.test.ts');

const rule = { name: 'Refunds', conditions: { all: [{ field: 'text' as const, operator: 'contains' as const, value: 'refund' }] }, action: { type: 'handoff' as const, reasonCode: 'other' as const } };

/** `rules.*` take `{ signal }` like every other SDK method, against a real relay whose key limit answers 429 + Retry-After. */
describe.each(BACKENDS)('the SDK rules methods with an abort signal, against a relay on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    // One request per key per hour: a key's second request is a 429 whose Retry-After is up to an hour away.
    t = await startTestRelay(backend, { env: { RATE_LIMIT_REQUESTS_PER_KEY: '1', RATE_LIMIT_REQUESTS_PER_KEY_WINDOW_SECONDS: '3600' } });
  });
  afterAll(() => t?.stop());

  /** A client on a fresh key that waits out any Retry-After, and aborts its current call as soon as a 429 arrives. */
  async function clientAbortingOn429() {
    const { apiKey } = await createApiKey(t.relay.db, { agentId: t.agentId });
    let controller = new AbortController();
    const statuses: number[] = [];
    const baton = createBatonClient({
      apiKey,
      baseUrl: t.url,
      retry: { maxRetryAfterMs: 3_600_000 },
      fetch: async (request) => {
        const response = await fetch(request);
        statuses.push(response.status);
        // The SDK now sleeps until the Retry-After: the caller gives up during that back-off.
        if (response.status === 429) controller.abort();
        return response;
      },
    });
    return { baton, statuses, signal: () => (controller = new AbortController()).signal };
  }

  it("ends every retried rules call's Retry-After back-off at once when the caller aborts", async () => {
    const { baton, statuses, signal } = await clientAbortingOn429();
    await baton.rules.fields(); // spends the key's one request
    const calls = {
      list: () => baton.rules.list({ signal: signal() }),
      fields: () => baton.rules.fields({ signal: signal() }),
      update: () => baton.rules.update('rul_x', rule, { signal: signal() }),
      remove: () => baton.rules.remove('rul_x', { signal: signal() }),
      reorder: () => baton.rules.reorder(['rul_x'], { signal: signal() }),
      test: () => baton.rules.test({ turn: { text: 'refund please' } }, { signal: signal() }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const outcome = await call().then(() => 'resolved', (e: { name?: string }) => e.name);
      expect([name, outcome]).toEqual([name, 'AbortError']);
    }
    expect(statuses).toEqual([200, 429, 429, 429, 429, 429, 429]);
  }, 30_000); // without the signal each call slept until the hour-long Retry-After had passed

  it('sends nothing for a rules call whose signal has already aborted', async () => {
    const { baton, statuses } = await clientAbortingOn429();
    const aborted = AbortSignal.abort();
    await expect(baton.rules.create({ ...rule, name: 'Never saved' }, { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
    expect(statuses).toEqual([]);
    expect((await listRules(t.relay.db, t.agentId)).map((r) => r.name)).not.toContain('Never saved');
  });
});
