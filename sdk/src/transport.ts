/**
 * The one place a request leaves the SDK: adds the API key, retries what is safe to retry, and turns
 * every non-2xx answer into a BatonApiError. Plain `fetch`, so it runs on Node 20+, Deno, Bun and edge.
 */
import { BatonApiError, BatonNetworkError } from './errors.js';
import { isRetrySafe, retryDelayMs, type RetryOptions } from './retry.js';

export interface TransportOptions {
  apiKey: string;
  fetch: (request: Request) => Promise<Response>;
  retry: RetryOptions;
  /** Per attempt; a timed-out attempt counts as a network failure. */
  timeoutMs: number;
  /** Injected for tests; the default waits with setTimeout. Rejects with the signal's reason once it aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * A back-off may last up to `maxRetryAfterMs` (60 s): the caller's abort ends it at once, as it ends an
 * attempt in flight, instead of holding the call until the next attempt finds the signal aborted.
 */
const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

async function buffered(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  // A 204 may not be given a body, not even an empty one.
  return new Response(body.byteLength === 0 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const sleep = options.sleep ?? wait;
  return async (original) => {
    const request = new Request(original);
    request.headers.set('authorization', `Bearer ${options.apiKey}`);
    request.headers.set('accept', 'application/json');
    const safe = isRetrySafe(request);
    // An earlier attempt may have acted: no answer came, or a failure from the relay or a proxy before it did.
    let mayHaveActed = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        // A fresh clone per attempt: a body stream can be read once.
        const signal = AbortSignal.any([request.signal, AbortSignal.timeout(options.timeoutMs)]);
        response = await options.fetch(new Request(request.clone(), { signal }));
        // The body is part of the answer: a connection dropped (or timed out) mid-body is a network failure like
        // one before the headers (typed, retried when safe), not a raw `TypeError: terminated` from the caller's read.
        if (response.ok) response = await buffered(response);
      } catch (cause) {
        // The caller's own abort is an answer, not a failure to work around.
        if (request.signal.aborted) throw cause;
        mayHaveActed = true;
        const delay = safe ? retryDelayMs(attempt, { kind: 'network' }, options.retry, options.random) : undefined;
        if (delay === undefined) throw new BatonNetworkError(`${request.method} ${new URL(request.url).pathname} failed after ${attempt} attempt(s): ${String(cause)}`, { cause });
        await sleep(delay, request.signal);
        continue;
      }
      if (response.ok) return response;
      // A DELETE repeated after an attempt that may have deleted finds nothing: that attempt did it, so this is success.
      if (mayHaveActed && request.method === 'DELETE' && response.status === 404) return new Response(null, { status: 204 });
      const error = await BatonApiError.from(response);
      // 429 and the relay's database_unavailable say nothing was done; any other 5xx cannot say.
      if (error.status >= 500 && error.code !== 'database_unavailable') mayHaveActed = true;
      const delay = safe
        ? retryDelayMs(attempt, { kind: 'response', status: error.status, code: error.code, retryAfterMs: error.retryAfterMs }, options.retry, options.random)
        : undefined;
      if (delay === undefined) throw error;
      await sleep(delay, request.signal);
    }
  };
}
