import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Zendesk webhook signatures (reference/zendesk-api.md §3.2): base64(HMAC-SHA256(secret, timestamp + body))
 * with the signing secret used as a literal string, the ISO timestamp header, no separator, raw bytes.
 * Zendesk documents no replay window; we refuse timestamps further than REPLAY_WINDOW_MS from now.
 */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/** Zendesk signs builder test requests with this published secret (base64 of "this_secret_is_for_testing_only"). */
export const ZENDESK_TEST_SIGNING_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

export function signZendeskWebhook(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'bad_timestamp' | 'stale' | 'mismatch' };

export function verifyZendeskSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Buffer;
  nowMs: number;
  windowMs?: number;
}): SignatureCheck {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  const at = Date.parse(input.timestamp);
  if (Number.isNaN(at)) return { ok: false, reason: 'bad_timestamp' };
  if (Math.abs(input.nowMs - at) > (input.windowMs ?? REPLAY_WINDOW_MS)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signZendeskWebhook(input.secret, input.timestamp, input.body), 'base64');
  const given = Buffer.from(input.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
