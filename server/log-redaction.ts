/**
 * What may reach a log line. Logs are shipped, kept and read by more people than the database, so
 * customer data (names, emails, message text, metadata, payloads) and SQL parameters never go there,
 * at any level. Two rules do it: fields with these names are replaced wherever they sit, and errors
 * keep only a whitelist of diagnostic fields (database errors carry the statement's parameters, the
 * failing row and quoted values in their message).
 */
export const REDACTED = '[redacted]';

/** Keys whose values are customer data or credentials, compared case-insensitively at every depth. */
const SENSITIVE_KEYS = new Set(
  [
    'text', 'name', 'email', 'phone', 'endUser', 'customer', 'requester', 'metadata', 'payload', 'data', 'transcript',
    'summary', 'note', 'message', 'messages', 'comment', 'body', 'params', 'parameters', 'values', 'detail', 'where',
    'query', 'authorization', 'cookie', 'secret', 'apiKey', 'token', 'accessToken', 'refreshToken', 'password',
  ].map((k) => k.toLowerCase()),
);

/** Error fields that say what failed without saying about whom (PostgreSQL's SQLSTATE, table, constraint…). */
const ERROR_FIELDS = ['code', 'status', 'kind', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType', 'errno', 'syscall', 'retryAfterMs'] as const;

const MAX_DEPTH = 8;

/**
 * Values quoted in an error message (`invalid input syntax for type integer: "…"`,
 * `Unexpected token 'x', "…" is not valid JSON`). Apostrophes inside words are left alone.
 */
export function scrubQuoted(message: string): string {
  return message.replace(/"[^"]*"/g, `"${REDACTED}"`).replace(/(^|[^\p{L}\p{N}])'[^']*'/gu, `$1'${REDACTED}'`);
}

export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const message = scrubQuoted(error.message);
  const type = error.constructor?.name ?? error.name;
  const out: Record<string, unknown> = { type, message };
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  // The stack's first line repeats the message: keep only the frames.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  out.stack = [`${type}: ${message}`, ...frames].join('\n');
  if (error.cause !== undefined && depth < 3) out.cause = error.cause instanceof Error ? serializeError(error.cause, depth + 1) : REDACTED;
  return out;
}

/** A copy of a log object with customer data and credentials removed; errors reduced to safe fields. */
export function redactLogObject(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactLogObject(item, depth + 1, seen));
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return REDACTED;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (SENSITIVE_KEYS.has(key.toLowerCase())) out[key] = REDACTED;
    // An error given as its message string gets the same scrubbing as an Error's message.
    else if (key === 'err' && typeof inner === 'string') out[key] = scrubQuoted(inner);
    else out[key] = redactLogObject(inner, depth + 1, seen);
  }
  return out;
}
