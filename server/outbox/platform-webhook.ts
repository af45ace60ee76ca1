import { Webhook } from 'standardwebhooks';
import { parseRetryAfter } from '../core/retry-schedule.js';
import { DeliveryError } from './delivery-error.js';

export const WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * Sends one Standard Webhooks request (`webhook-id`, `webhook-timestamp`, `webhook-signature`) signed
 * by the reference library. The delivery id is the `webhook-id`, stable across retries, so receivers
 * dedupe on it. Any non-2xx is retried except 410 Gone (the receiver says it will never accept).
 */
export async function sendPlatformWebhook(input: {
  url: string;
  secret: string;
  webhookId: string;
  payload: unknown;
  now?: Date;
}): Promise<{ status: number }> {
  const body = JSON.stringify(input.payload);
  const now = input.now ?? new Date();
  const signature = new Webhook(input.secret).sign(input.webhookId, now, body);
  let response: Response;
  try {
    response = await fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Baton-Relay/1',
        'webhook-id': input.webhookId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (error) {
    throw new DeliveryError(`webhook request failed: ${(error as Error).message}`, 'transient');
  }
  // Drain the body so the socket can be reused; its content is not used.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  throw new DeliveryError(
    `webhook receiver answered ${response.status}`,
    response.status === 410 ? 'permanent' : 'transient',
    response.status,
    parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  );
}
