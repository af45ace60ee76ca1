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
}) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const run = () => {
    running = running.then(options.tick).then(
      (result) => options.onResult?.(result),
      (error: unknown) => options.onError(error),
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
