import { describe, expect, it } from 'vitest';
import { createDatabaseReachability } from '../db/reachability.js';
import { createCapturedLog } from '../test/log-capture.js';
import { periodicJob } from './periodic.js';

describe('periodicJob', () => {
  it('runs ticks one at a time and stop waits for the tick in flight', async () => {
    let active = 0;
    let overlapped = false;
    let runs = 0;
    let releaseSecond!: () => void;
    let secondStarted!: () => void;
    const started = new Promise<void>((resolve) => (secondStarted = resolve));
    const job = periodicJob({
      intervalMs: 1,
      firstRunAfterMs: 0,
      tick: async () => {
        active += 1;
        overlapped ||= active > 1;
        runs += 1;
        if (runs === 2) {
          secondStarted();
          await new Promise<void>((resolve) => (releaseSecond = resolve));
        }
        active -= 1;
        return runs;
      },
      onError: () => undefined,
    });
    job.start();
    await started;
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false); // the second tick is still running
    releaseSecond();
    await stopping;
    const runsAtStop = runs;
    expect(overlapped).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(runsAtStop); // nothing runs after stop
  });

  it('reports a failing tick and keeps its schedule', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    let secondCall!: () => void;
    const second = new Promise<void>((resolve) => (secondCall = resolve));
    const job = periodicJob({
      intervalMs: 1,
      firstRunAfterMs: 0,
      tick: async () => {
        calls += 1;
        if (calls === 2) secondCall();
        throw new Error(`boom ${calls}`);
      },
      onError: (error) => errors.push(error),
    });
    job.start();
    await second;
    await job.stop();
    expect((errors[0] as Error).message).toBe('boom 1');
  });

  it('leaves an unreachable database to the process-wide outage line, and ends the outage on its next good tick', async () => {
    const { log, lines } = createCapturedLog();
    const errors: unknown[] = [];
    let calls = 0;
    let fourthCall!: () => void;
    const fourth = new Promise<void>((resolve) => (fourthCall = resolve));
    const job = periodicJob({
      intervalMs: 1,
      firstRunAfterMs: 0,
      tick: async () => {
        calls += 1;
        if (calls === 4) fourthCall();
        if (calls < 4) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
      onError: (error) => errors.push(error),
      database: { reachability: createDatabaseReachability(log), job: 'purge' },
    });
    job.start();
    await fourth;
    await job.stop();
    expect(errors).toEqual([]);
    expect(lines().map((l) => [l.msg, l.noticedBy])).toEqual([
      [expect.stringMatching(/^database unreachable/), 'purge'],
      ['database reachable again', undefined],
    ]);
  });

  it('does nothing when the interval is zero (the job is switched off)', async () => {
    let calls = 0;
    const job = periodicJob({ intervalMs: 0, firstRunAfterMs: 0, tick: async () => void (calls += 1), onError: () => undefined });
    job.start();
    await new Promise((resolve) => setTimeout(resolve, 0)); // after a first run would have fired
    await job.stop();
    expect(calls).toBe(0);
  });
});
