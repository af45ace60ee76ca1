import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  /** The last data read (or set): kept on screen through any number of failures. */
  data: T | undefined;
  /** Failures in a row since the last success; 0 while all is well. */
  failureCount: number;
  failureReason: unknown;
}

/**
 * Reads `load` now, again `pollMs` after each success, and after a failure retries with `retryDelay(failures)` until
 * it works; the last data stays meanwhile. `set` puts fresher data in (the live stream, an action's answer);
 * `refresh` reads now. What query-core's observer did for the sidebar, in a fraction of its bytes (the budget).
 * No "online" check: the relay is reached through Zendesk's proxy, so the browser's online flag says nothing about it.
 */
export function usePolled<T>(load: () => Promise<T>, { key, pollMs, retryDelay }: {
  /** A new key starts over (another ticket). */
  key: string;
  pollMs: number;
  retryDelay: (failures: number) => number;
}) {
  const [state, setState] = useState<Polled<T>>({ data: undefined, failureCount: 0, failureReason: undefined });
  const latest = useRef({ load, pollMs, retryDelay });
  latest.current = { load, pollMs, retryDelay };
  const readNow = useRef<() => void>(() => {});
  /** How many times `set` put data in: a read sent before the latest of them answers with older data. */
  const sets = useRef(0);
  const repoll = useRef<() => void>(() => {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    let failures = 0;
    let stopped = false;
    /** Waiting for the next poll after a success (not a read on its way, not a retry). */
    let waiting = false;
    const read = () => {
      clearTimeout(timer);
      waiting = false;
      // A newer read (a refresh) supersedes one still on its way: its answer may be older.
      const mine = ++generation;
      const setsBefore = sets.current;
      latest.current.load().then(
        (data) => {
          if (stopped || mine !== generation) return;
          failures = 0;
          // Data put in while this read was on its way (an action's answer, the live stream) is newer than its answer:
          // keep it, or the sidebar would show the state from before the agent's action until the next read.
          setState((s) => (sets.current === setsBefore ? { data, failureCount: 0, failureReason: undefined } : { ...s, failureCount: 0, failureReason: undefined }));
          waiting = true;
          timer = setTimeout(read, latest.current.pollMs);
        },
        (reason: unknown) => {
          if (stopped || mine !== generation) return;
          failures++;
          setState((s) => ({ data: s.data, failureCount: failures, failureReason: reason }));
          timer = setTimeout(read, latest.current.retryDelay(failures));
        },
      );
    };
    readNow.current = read;
    // A new poll interval counts from now (the live stream closed: the next read must not wait out the long one).
    repoll.current = () => {
      if (failures > 0 || !waiting) return;
      clearTimeout(timer);
      timer = setTimeout(read, latest.current.pollMs);
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);

  useEffect(() => repoll.current(), [pollMs]);

  const set = useCallback((data: T) => {
    sets.current++;
    setState((s) => ({ ...s, data }));
  }, []);
  const refresh = useCallback(() => readNow.current(), []);
  return { ...state, set, refresh };
}
