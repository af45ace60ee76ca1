/**
 * One error type for everything the relay reports to a client. `code` is stable and listed in
 * ERROR_CATALOGUE; codes are never reused for another meaning.
 */
export const ERROR_CATALOGUE = {
  invalid_request: { status: 400, message: 'The request is malformed.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  validation_failed: { status: 422, message: 'The request body or parameters failed validation.' },
  invalid_characters: {
    status: 422,
    message: 'A value contains NUL (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored; `details.issues` names the field.',
  },
  json_too_complex: {
    status: 422,
    message: 'The JSON body is nested too deeply or has an object with too many keys; `details.issues` names where.',
  },
  idempotency_key_required: { status: 400, message: 'This endpoint requires an Idempotency-Key header.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used with a different request body.',
  },
  idempotency_key_in_progress: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  unauthorized: { status: 401, message: 'Missing or invalid API key.' },
  forbidden: { status: 403, message: 'This credential may not access the resource.' },
  admin_required: {
    status: 403,
    message: 'Only a Zendesk admin of this account may do this; sign in with Zendesk as an admin (X-Baton-Admin-Session).',
  },
  rate_limited: { status: 429, message: 'Too many requests; retry after the number of seconds in Retry-After.' },
  not_found: { status: 404, message: 'No such route.' },
  method_not_allowed: { status: 405, message: 'Method not allowed on this route.' },
  session_not_found: { status: 404, message: 'No such session.' },
  agent_not_found: { status: 404, message: 'No such AI agent.' },
  tenant_not_found: { status: 404, message: 'No such tenant.' },
  handoff_disabled: { status: 409, message: 'Handoff is disabled for this AI agent.' },
  human_owns_session: {
    status: 409,
    message: 'A human agent owns this session; AI-authored messages are refused until it is returned.',
  },
  session_closed: { status: 409, message: 'The session is no longer open.' },
  invalid_transition: { status: 409, message: 'The session cannot make this transition from its current state.' },
  message_id_conflict: {
    status: 409,
    message: 'A message with this id already exists in the session with different content.',
  },
  callback_url_missing: { status: 409, message: 'This AI agent has no callback URL yet, so there is nowhere to send the event.' },
  zendesk_not_connected: { status: 409, message: 'This tenant has not connected a Zendesk account yet.' },
  invalid_app_token: {
    status: 401,
    message: "The app's token is missing, expired or signed with another shared secret; check the app's settings.",
  },
  invalid_signature: { status: 401, message: 'The Zendesk webhook signature or timestamp is not valid.' },
  webhook_not_configured: {
    status: 401,
    message: 'No Zendesk webhook signing secret is stored for this tenant; run provisioning first.',
  },
  invalid_metrics_token: { status: 401, message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.' },
  too_many_streams: {
    status: 429,
    message: 'This stream token already has the most live streams it may open; close one or fetch a new token.',
  },
  connect_link_used: { status: 410, message: 'This connect link was already used; ask for a new one.' },
  webhook_token_not_configured: {
    status: 401,
    message: "No bearer token is stored for this tenant's Zendesk webhook, so no call is accepted; run tenant:provision-zendesk again (it sets one).",
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  database_unavailable: {
    status: 503,
    message: 'The database is out of reach for the moment, so nothing was stored; retry after the number of seconds in Retry-After.',
  },
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class BatonError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Sent as `Retry-After` (whole seconds) with the response, e.g. for `rate_limited`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message?: string, details?: unknown, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message ?? ERROR_CATALOGUE[code].message, options);
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
