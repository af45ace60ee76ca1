import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database.js';
import { MAX_CLAIM_BACKOFF_MS } from '../core/retry-schedule.js';
import { createCapturedLog } from '../test/log-capture.js';
import { createOutboxWorker } from './worker.js';
import { waitFor } from '../test/harness.js';

/**
 * A database that refuses every connection until `up` is set, counting the statements the worker tried; while up,
 * its next claim returns the rows in `due`.
 */
function flakyDatabase() {
  const state = { up: false, attempts: 0, due: [] as Array<Record<string, unknown>> };
  const query = async (text: string) => {
    state.attempts++;
    if (!state.up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const rows = /SKIP LOCKED/.test(text) ? state.due.splice(0) : [];
    return { rows, rowCount: rows.length };
  };
  const db = { kind: 'postgres', query, transaction: async (fn: (tx: unknown) => unknown) => fn({ query }), close: async () => {} };
  return { db: db as unknown as Database, state };
}

describe('outbox worker while its database is unreachable', () => {
  afterEach(() => vi.useRealTimers());

  it('polls less and less often, up to a cap, and at its usual pace once the database answers', async () => {
    vi.useFakeTimers();
    const { db, state } = flakyDatabase();
    const { log, lines } = createCapturedLog();
    const worker = createOutboxWorker({ db, log, concurrency: 4, pollIntervalMs: 250, handlers: { handle: async () => ({}) } });
    worker.start();
    // A minute of outage: at the 250 ms poll that was 240 claims (and 240 error lines).
    await vi.advanceTimersByTimeAsync(60_000);
    const duringOutage = state.attempts;
    expect(duringOutage).toBeGreaterThan(5);
    expect(duringOutage).toBeLessThanOrEqual(60_000 / MAX_CLAIM_BACKOFF_MS + 6);
    // Capped: the next minute costs one claim per cap, not fewer and fewer.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.attempts - duringOutage).toBeGreaterThanOrEqual(60_000 / MAX_CLAIM_BACKOFF_MS - 1);
    state.up = true;
    await vi.advanceTimersByTimeAsync(MAX_CLAIM_BACKOFF_MS);
    const back = state.attempts;
    await vi.advanceTimersByTimeAsync(2_500);
    expect(state.attempts - back).toBeGreaterThanOrEqual(8);
    // The loop's last turn waits on a (fake) setImmediate.
    const stopping = worker.stop();
    await vi.advanceTimersByTimeAsync(10);
    await stopping;
    expect(lines().map((l) => l.msg)).toEqual([expect.stringMatching(/^database unreachable/), 'database reachable again']);
  });

  // Each delivery in flight when the database went away logged 'could not record delivery failure' with its stack.
  it('leaves deliveries in flight when the outage began to their lease, within the one outage line', async () => {
    const { db, state } = flakyDatabase();
    state.up = true;
    const row = { seq: 1, id: 'd1', tenant_id: 't', agent_id: 'a', session_id: 's', channel: 'zendesk', kind: 'ticket.create', payload: {}, status: 'pending', attempts: 1 };
    state.due = [row, { ...row, seq: 2, id: 'd2', session_id: 's2' }];
    const { log, lines } = createCapturedLog();
    let started = 0;
    let allStarted!: () => void;
    const bothStarted = new Promise<void>((resolve) => (allStarted = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const settled: string[] = [];
    const worker = createOutboxWorker({
      db, log, concurrency: 4, pollIntervalMs: 10,
      handlers: {
        handle: async (d) => {
          if (++started === 2) allStarted();
          await finished;
          if (d.id === 'd1') return {};
          throw new Error('Zendesk answered 503');
        },
      },
      onSettled: (d) => settled.push(d.id),
    });
    worker.start();
    await bothStarted;
    state.up = false;
    finish();
    await waitFor('the outage noticed', () => lines().length > 0);
    await worker.stop();
    expect(settled).toEqual([]);
    expect(lines().map((l) => [l.level, l.msg])).toEqual([[40, expect.stringMatching(/^database unreachable/)]]);
  });
});
