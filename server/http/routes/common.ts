import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../schemas.js';

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** An error the client should retry after the whole seconds its `Retry-After` header names. */
function withRetryAfter(description: string) {
  return {
    ...errorResponse(description),
    headers: {
      'Retry-After': { description: 'Whole seconds to wait before retrying (at least 1)', required: true, schema: { type: 'integer', minimum: 1 } },
    },
  } as const;
}

/** On an answer an Idempotency-Key can replay: the header a client tells a replay from a first answer by. */
export const idempotentReplayedHeader = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key and body (nothing new was done); absent otherwise',
    required: false,
    schema: { type: 'string' as const, enum: ['true'] },
  },
};

/** Errors every authenticated route can answer with. */
export const commonErrors = {
  400: errorResponse('Malformed request: invalid JSON, or no body on a route that needs one (`invalid_json`); a missing header'),
  401: errorResponse('Missing or invalid API key (`unauthorized`)'),
  413: errorResponse('Body too large (`payload_too_large`)'),
  415: errorResponse('Body is not JSON (`unsupported_media_type`)'),
  422: errorResponse(
    'Validation failed (`validation_failed`); a value with NUL or an unpaired surrogate (`invalid_characters`); JSON nested deeper than 32 levels or an object with over 1,000 keys (`json_too_complex`). `details.issues` lists each problem with its path',
  ),
  // Authentication (apiKeyAuth, before any /v1 handler) refuses with this once the key has spent its requests per window
  // or the address or key id has failed too often (http/rate-limits.ts), so every authenticated route can answer it.
  429: withRetryAfter(
    'Rate limited (`rate_limited`): this API key made too many requests in the window, or this address or key id failed authentication too often. `details.retryAfterSeconds` repeats Retry-After',
  ),
  // Every route reads the database (authentication first); while it is out of reach nothing is stored (http/database-unavailable.ts).
  503: withRetryAfter(
    'The database is out of reach for the moment (`database_unavailable`): nothing was stored; retry the same request after Retry-After',
  ),
} as const;

export const SessionIdParam = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'ses_0m3k2x9a1f…' }),
});

export const security = [{ apiKey: [] }];
