import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * The `webhook-signature` header of a Standard Webhooks request (standardwebhooks.com): `v1,` + base64 of
 * HMAC-SHA256 over `<id>.<unix seconds>.<body>`, keyed by the secret's base64 part (after `whsec_`). The
 * reference library computes the same value with a JavaScript SHA-256; node:crypto's is several times cheaper,
 * and every callback is signed (two per agent reply). Receivers verify with any Standard Webhooks library; the
 * test suite's receivers verify every callback with the reference one.
 */
export function signStandardWebhook(secret: string | readonly string[], webhookId: string, at: Date, body: string): string {
  // Several secrets (a rotation's overlap window): one `v1,` signature each, space-separated, as the spec allows; a
  // receiver's library accepts the request when any of them matches its secret.
  if (typeof secret !== 'string') return secret.map((s) => signStandardWebhook(s, webhookId, at, body)).join(' ');
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error("Secret can't be empty.");
  const seconds = Math.floor(at.getTime() / 1000);
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${seconds}.${body}`).digest('base64')}`;
}
