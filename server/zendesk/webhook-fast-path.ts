import type { IncomingMessage, ServerResponse } from 'node:http';
import { BatonError } from '../core/errors.js';
import { clientIpOfRequest } from '../http/client-ip.js';
import { readIncomingOnce } from '../http/node-body.js';
import { sendFailure, sendJson, type FailureReporting } from '../http/node-response.js';
import type { RateLimits } from '../http/rate-limits.js';
import { MAX_ZENDESK_WEBHOOK_BYTES, type ZendeskWebhookHandler } from './webhook-route.js';

// Tenant ids are URL-safe; any other path (a query, a trailing slash, an odd byte) is the Hono app's to answer.
const PATH = /^\/zendesk\/webhooks\/([A-Za-z0-9_-]{1,100})$/;

/** The refusals counted as failed authentications (per address and per tenant), as the Hono route counts them. */
export const WEBHOOK_AUTH_FAILURES = ['invalid_signature', 'webhook_not_configured', 'webhook_token_not_configured', 'tenant_not_found'] as const;

/**
 * `POST /zendesk/webhooks/{tenantId}` served straight from Node's request: two of them per agent reply, and
 * Hono's Fetch-API adapter and router were 15% of the relay's CPU in bench/zendesk.ts's steady round. Same
 * handler, limits and answers as the Hono route (registerZendeskWebhookRoute): a declared Content-Length over
 * the cap was answered by the body guard before this point, a chunked body is read (capped) first, and failed
 * authentications are counted toward the same limits. Returns false for any other request.
 */
export function createFastZendeskWebhook(
  handler: ZendeskWebhookHandler,
  deps: FailureReporting & { limits: RateLimits; trustProxyHops: number },
) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const match = PATH.exec(req.url ?? '');
    if (!match) return false;
    const tenantId = match[1]!;
    const readBody = () => readIncomingOnce(req, MAX_ZENDESK_WEBHOOK_BYTES);
    void (async () => {
      try {
        // As the Hono app's body limit does: a chunked body is read, capped, before the handler runs (413 first).
        if (req.headers['transfer-encoding'] !== undefined) await readBody();
        sendJson(res, 200, await handler.handle({
          tenantId,
          header: (name) => {
            const value = req.headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body: readBody,
        }));
      } catch (error) {
        sendFailure(res, await countedFailure(error), deps, { method: 'POST', path: match[0] });
      }
    })();
    return true;

    async function countedFailure(error: unknown): Promise<unknown> {
      if (!(error instanceof BatonError) || !(WEBHOOK_AUTH_FAILURES as readonly string[]).includes(error.code)) return error;
      return deps.limits
        .failedAuth({ ip: clientIpOfRequest(req, deps.trustProxyHops), kind: 'zendesk_webhook', credential: tenantId }, error)
        .catch((answer: unknown) => answer);
    }
  };
}
