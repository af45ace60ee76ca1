import type { DatabaseReachability } from '../db/reachability.js';

/**
 * A background job that runs `tick` soon after start and then every `intervalMs`, one run at a time
 * (a slow tick delays the next instead of overlapping it), and whose `stop` waits for the run in flight.
 * The relay's maintenance jobs (purge, insights roll-up, reconciliation) share it so each file says only
 * what its job does.
 */
export function periodicJob<T>(options: {
  intervalMs: number;
  /** Delay before the first run; defaults to the interval. */
  firstRunAfterMs?: number;
  tick: () => Promise<T>;
  onResult?: (result: T) => void;
  onError: (error: unknown) => void;
  /**
   * With it, a tick that fails because the database is out of reach is not the job's error: the process logs the
   * outage once (the job tries again at its next tick, as after any failure), and a tick that succeeds ends it.
   */
  database?: { reachability: DatabaseReachability; job: string };
}) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const run = () => {
    const database = options.database;
    running = running.then(options.tick).then(
      (result) => {
        database?.reachability.reached();
        options.onResult?.(result);
      },
      (error: unknown) => {
        if (!database?.reachability.failed(error, database.job)) options.onError(error);
      },
    );
  };

  return {
    start() {
      if (options.intervalMs <= 0) return;
      stopped = false;
      timer = setTimeout(function again() {
        run();
        if (!stopped) timer = setTimeout(again, options.intervalMs).unref();
      }, options.firstRunAfterMs ?? options.intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
