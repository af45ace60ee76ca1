/**
 * Verifies a Baton webhook with the Standard Webhooks reference library and returns the typed event.
 * Pass the RAW body (the exact bytes as text): re-serialized JSON does not match the signature.
 */
import { Webhook } from 'standardwebhooks';
import { BatonWebhookError } from './errors.js';
import type { BatonEvent, BatonEventType } from './types.js';

/** Every type the generated `webhooks` lists; the `satisfies` line fails to compile if one is missing. */
const EVENT_TYPES = {
  'handoff.accepted': true,
  'handoff.failed': true,
  'message.created': true,
  'session.state_changed': true,
  'session.returned': true,
  'session.waiting_update': true,
  'session.no_agent_timeout': true,
  'session.agent_silent': true,
  'baton.test': true,
} as const satisfies Record<BatonEventType, true>;

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * A fetch `Headers` by its shape, not `instanceof`: another implementation's (the undici or node-fetch package, a
 * framework's polyfill, another realm) is not the global class, and read as a plain object it has no entries.
 */
const isFetchHeaders = (headers: WebhookHeaders): headers is Headers =>
  typeof headers.forEach === 'function' && typeof headers.get === 'function';

function plainHeaders(headers: WebhookHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (isFetchHeaders(headers)) headers.forEach((value, name) => (out[name.toLowerCase()] = value));
  else {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

/** What verifyWith needs: one or several Standard Webhooks verifiers behind one `verify`. */
export interface WebhookVerifier {
  verify(payload: string, headers: Record<string, string>): unknown;
}

/** One `whsec_…` secret's verifier; whitespace around it (the newline of a secrets file) is not part of it. */
function verifierOf(secret: string): Webhook {
  try {
    return new Webhook(secret.trim());
  } catch (cause) {
    throw new TypeError(`The webhook secret is not a Standard Webhooks secret (whsec_ and base64, as the relay shows it): ${String(cause)}`, { cause });
  }
}

/**
 * The verifier for a `whsec_…` secret, or for several: while you switch to a rotated secret, pass both (new and old) and a
 * delivery verifies when any signature in its `webhook-signature` header matches any of them. (During the relay's
 * overlap window deliveries carry a signature for each of the agent's two secrets, so one secret alone also verifies.)
 * A secret that cannot be one is a configuration mistake: it throws a TypeError saying so, where the library's base64
 * error would have surfaced as `invalid_signature` on every delivery, blaming the sender.
 */
export function createWebhookVerifier(secret: string | readonly string[]): WebhookVerifier {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new TypeError('No webhook secret given: pass the agent\'s whsec_… secret.');
  const verifiers = secrets.map(verifierOf);
  if (verifiers.length === 1) return verifiers[0]!;
  return {
    verify(payload, headers) {
      let last: unknown;
      for (const v of verifiers) {
        try {
          return v.verify(payload, headers);
        } catch (error) {
          last = error;
        }
      }
      throw last;
    },
  };
}

/**
 * Throws BatonWebhookError (`invalid_signature` — answer 400; `unknown_event_type` — a newer relay's
 * event this SDK does not know: answer 2xx to stop retries, or upgrade).
 * Dedupe on the `webhook-id` header: delivery is at-least-once. `secret` may list several (a rotation: new and old).
 */
export function verifyWebhook(rawBody: string, headers: WebhookHeaders, secret: string | readonly string[]): BatonEvent {
  return verifyWith(createWebhookVerifier(secret), rawBody, headers);
}

/** verifyWebhook with a verifier made once (createBatonClient's). */
export function verifyWith(verifier: WebhookVerifier, rawBody: string, headers: WebhookHeaders): BatonEvent {
  let payload: unknown;
  try {
    payload = verifier.verify(rawBody, plainHeaders(headers));
  } catch (cause) {
    throw new BatonWebhookError('invalid_signature', `Webhook signature or timestamp did not verify: ${String(cause)}`, { cause });
  }
  const type = (payload as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || typeof (payload as { data?: unknown }).data !== 'object') {
    throw new BatonWebhookError('invalid_payload', 'The webhook body is not a Baton event ({type, timestamp, data}).');
  }
  if (!Object.hasOwn(EVENT_TYPES, type)) throw new BatonWebhookError('unknown_event_type', `Unknown event type ${type}.`);
  return payload as BatonEvent;
}
