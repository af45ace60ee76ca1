import type { Context, MiddlewareHandler } from 'hono';
import { BatonError, type ErrorCode } from '../core/errors.js';
import { clientIpOfContext } from './client-ip.js';
import type { CredentialKind, RateLimits } from './rate-limits.js';

/**
 * Counts the authentication failures of routes that check their credential inside the handler (app
 * JWTs, Zendesk webhooks): after the handler, a failure with one of `codes` is counted, and over the
 * limit the answer becomes 429 `rate_limited` with Retry-After. Successful requests are not touched.
 */
export function limitAuthFailures(
  limits: RateLimits,
  options: { kind: CredentialKind; codes: readonly ErrorCode[]; credentialOf: (c: Context) => string | undefined; trustProxyHops: number },
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const error = c.error;
    if (!(error instanceof BatonError) || !options.codes.includes(error.code)) return;
    // Throwing here hands the answer to the app's error handler (Hono's compose), like a handler's own error.
    await limits.failedAuth({ ip: clientIpOfContext(c, options.trustProxyHops), kind: options.kind, credential: options.credentialOf(c) }, error);
  };
}
