import type { ErrorCode } from './types.js';

/**
 * The relay answered with an error. `code` is the relay's stable code (the catalogue in the OpenAPI
 * document), or `http_<status>` when the answer was not a Baton error body (e.g. a proxy's 502 page).
 */
export class BatonApiError extends Error {
  override readonly name = 'BatonApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | `http_${number}`,
    message: string,
    readonly details: unknown,
    /** How long the relay asked to wait (Retry-After), when it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }

  /** Reads the relay's `{"error": {"code", "message", "details"}}` body; never throws. */
  static async from(response: Response): Promise<BatonApiError> {
    const text = await response.text().catch(() => '');
    let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not JSON: keep the status as the code.
    }
    const e = body?.error;
    const code = typeof e?.code === 'string' ? (e.code as ErrorCode) : (`http_${response.status}` as const);
    const message = typeof e?.message === 'string' ? e.message : `The relay answered ${response.status} ${response.statusText}`.trim();
    return new BatonApiError(response.status, code, message, e?.details, parseRetryAfterMs(response.headers.get('retry-after'), Date.now()));
  }
}

/** The relay could not be reached (DNS, refused connection, timeout) after every allowed attempt. */
export class BatonNetworkError extends Error {
  override readonly name = 'BatonNetworkError';
  readonly code = 'network_error';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** A webhook whose signature, timestamp or body could not be trusted; answer it with 400. */
export class BatonWebhookError extends Error {
  override readonly name = 'BatonWebhookError';
  constructor(
    readonly code: 'invalid_signature' | 'invalid_payload' | 'unknown_event_type',
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** `Retry-After` is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
