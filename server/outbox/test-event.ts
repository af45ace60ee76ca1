import type { IncomingMessage } from 'node:http';
import { newId } from '../core/ids.js';
import { DeliveryError } from './delivery-error.js';
import { postSignedWebhook } from './platform-webhook.js';

/** The event type of "Send test event": receivers acknowledge it like any other and may ignore it. */
export const TEST_EVENT_TYPE = 'baton.test';
/** An admin waits on the page (and behind Zendesk's request proxy): shorter than a delivery's timeout. */
export const TEST_EVENT_TIMEOUT_MS = 10_000;
/** How much of the receiver's answer the page shows; more is read from the socket only up to a few times this. */
export const TEST_EVENT_EXCERPT_CHARS = 500;

export type TestEventResult =
  | { delivered: boolean; status: number; bodyExcerpt: string; webhookId: string }
  | { delivered: false; status: null; error: string; webhookId: string };

/**
 * Sends one signed test event to an AI agent's callback URL through the same code, guards and timeout
 * family as real deliveries, and reports what the receiver answered. Nothing is queued or retried: the
 * admin sees the outcome at once and presses the button again.
 */
export async function sendTestEvent(input: { url: string; secret: string; agentId: string; allowPrivate: boolean; now?: Date }): Promise<TestEventResult> {
  const webhookId = newId('msg');
  const now = input.now ?? new Date();
  let response: IncomingMessage;
  try {
    response = await postSignedWebhook({
      url: input.url,
      secret: input.secret,
      webhookId,
      allowPrivate: input.allowPrivate,
      timeoutMs: TEST_EVENT_TIMEOUT_MS,
      now,
      payload: {
        type: TEST_EVENT_TYPE,
        timestamp: now.toISOString(),
        data: { agentId: input.agentId, message: 'A test event from Baton: verify its signature and answer 2xx.' },
      },
    });
  } catch (error) {
    if (error instanceof DeliveryError) return { delivered: false, status: null, error: error.message, webhookId };
    throw error;
  }
  const status = response.statusCode ?? 0;
  const bodyExcerpt = await readExcerpt(response).catch(() => '');
  return { delivered: status >= 200 && status < 300, status, bodyExcerpt, webhookId };
}

/** The start of a response body as text; the rest is not downloaded (a receiver might send megabytes). */
function readExcerpt(response: IncomingMessage): Promise<string> {
  const maxBytes = TEST_EVENT_EXCERPT_CHARS * 4;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const finish = () => {
      const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
      resolve(text.length > TEST_EVENT_EXCERPT_CHARS ? `${text.slice(0, TEST_EVENT_EXCERPT_CHARS)}…` : text);
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes >= maxBytes) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', reject);
  });
}
