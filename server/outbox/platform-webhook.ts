import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isHttpUrl } from '../core/callback-url.js';
import { signStandardWebhook } from '../core/standard-webhook-signature.js';
import { parseRetryAfter } from '../core/retry-schedule.js';
import { BLOCKED_ADDRESS, blockedLiteral, createGuardedLookup } from '../net/guarded-lookup.js';
import { DeliveryError } from './delivery-error.js';

export const WEBHOOK_TIMEOUT_MS = 15_000;

const guardedLookup = createGuardedLookup(false);

/**
 * Sends one Standard Webhooks request (`webhook-id`, `webhook-timestamp`, `webhook-signature`, see
 * core/standard-webhook-signature.ts). The delivery id is the `webhook-id`, stable across retries, so receivers
 * dedupe on it. Any non-2xx is retried except 410 Gone (the receiver says it will never accept).
 * Redirects are not followed. With `allowPrivate: false` (CALLBACK_ALLOW_PRIVATE_HOSTS=false) the
 * callback may not reach loopback, private or link-local addresses, checked when the socket connects
 * (the attachment fetcher's guard); a refused address is a delivery error that retries like an outage,
 * so nothing queued is lost while an operator fixes the URL or the setting.
 */
export async function sendPlatformWebhook(input: SignedWebhookInput): Promise<{ status: number }> {
  const response = await postSignedWebhook(input);
  // Drain the body so the socket can be reused; its content is not used.
  response.resume();
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { status };
  const retryAfter = response.headers['retry-after'];
  throw new DeliveryError(
    `webhook receiver answered ${status}`,
    status === 410 ? 'permanent' : 'transient',
    status,
    parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, Date.now()),
  );
}

export interface SignedWebhookInput {
  url: string;
  /** Several during a rotation's overlap window (current first): one signature each in `webhook-signature`. */
  secret: string | readonly string[];
  webhookId: string;
  payload: unknown;
  allowPrivate?: boolean;
  now?: Date;
  /** The whole exchange (connect, answer, body) is aborted after this long; WEBHOOK_TIMEOUT_MS by default. */
  timeoutMs?: number;
}

/**
 * One signed POST with every guard of a delivery (http(s) only, private addresses refused when so
 * configured, no redirects, a timeout), answering with the receiver's response for the caller to read.
 * Throws a DeliveryError when no answer came (invalid URL, refused address, network failure, timeout).
 */
export async function postSignedWebhook(input: SignedWebhookInput): Promise<IncomingMessage> {
  const allowPrivate = input.allowPrivate ?? true;
  if (!isHttpUrl(input.url)) throw new DeliveryError('callback_url_invalid: the callback URL is not an http(s) URL', 'transient');
  const url = new URL(input.url);
  const literal = blockedLiteral(url, allowPrivate);
  if (literal) throw blocked(`${literal} is a private address`);
  const body = JSON.stringify(input.payload);
  const now = input.now ?? new Date();
  const signature = signStandardWebhook(input.secret, input.webhookId, now, body);
  try {
    return await post(url, body, {
      'content-type': 'application/json',
      'user-agent': 'Baton-Relay/1',
      'webhook-id': input.webhookId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    }, allowPrivate, input.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === BLOCKED_ADDRESS) throw blocked((error as Error).message);
    throw new DeliveryError(`webhook request failed: ${(error as Error).message}`, 'transient');
  }
}

const blocked = (detail: string) =>
  new DeliveryError(`callback_blocked: ${detail}; CALLBACK_ALLOW_PRIVATE_HOSTS=false refuses private, loopback and link-local callbacks`, 'transient');

function post(url: URL, body: string, headers: Record<string, string>, allowPrivate: boolean, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        response.once('close', () => clearTimeout(deadline));
        resolve(response);
      },
    );
    // One timer for the whole exchange, the body included (destroying the request ends its response too). An
    // AbortSignal.timeout per request did the same for ~30 µs more CPU per callback (listeners, abort plumbing).
    const deadline = setTimeout(() => request.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    deadline.unref(); // as AbortSignal.timeout's: the open socket, not this timer, keeps a process alive
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}
