import type { IncomingMessage, ServerResponse } from 'node:http';
import { BatonError } from '../core/errors.js';
import type { createMessageIngest } from '../relay/message-ingest.js';
import type { Authenticate } from './auth.js';
import { NO_BODY_MESSAGE } from './body-presence.js';
import { clientIpOfRequest } from './client-ip.js';
import { errorBody, validationDetails, validationMessage } from './errors.js';
import { sendFailure, sendJson, type FailureReporting } from './node-response.js';
import { PostMessageSchema } from './schemas.js';
import { assertStorable } from './storable-input.js';
import { MAX_MESSAGE_BODY_BYTES } from './body-limits.js';

export { MAX_MESSAGE_BODY_BYTES };
const PATH = /^\/v1\/sessions\/([A-Za-z0-9_-]{1,100})\/messages\/?$/;

/**
 * A UTF-8 byte order mark, as some writers put before JSON (.NET, PowerShell): the Fetch body reader behind every
 * other route drops it, so the hot path must too, or the same body would be `invalid_json` only here.
 */
const withoutByteOrderMark = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The hot path, `POST /v1/sessions/{id}/messages`, served straight from Node's request instead of
 * through the Fetch-API adapter, which costs more than the rest of the request together (bench/).
 * Same contract as the documented route: same auth, schema, limits, status codes and error bodies.
 * Returns false for any other request, which then goes to the Hono app.
 */
export function createFastIngestHandler(
  authenticate: Authenticate,
  ingest: ReturnType<typeof createMessageIngest>,
  trustProxyHops: number,
  reporting: FailureReporting,
) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const match = PATH.exec((req.url ?? '').split('?')[0]!);
    if (!match) return false;
    const sessionId = match[1]!;
    // A declared Content-Length over the limit was answered by the body guard before this point.
    const chunks: Buffer[] = [];
    let size = 0;
    let answered = false;
    req.on('data', (chunk: Buffer) => {
      if (answered) return;
      size += chunk.length;
      if (size <= MAX_MESSAGE_BODY_BYTES) return void chunks.push(chunk);
      // Streaming cap: answer now; the body guard drains the rest so the client can read this 413.
      answered = true;
      chunks.length = 0;
      sendJson(res, 413, errorBody('payload_too_large'));
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (answered) return;
      void (async () => {
        try {
          const caller = await authenticate(req.headers.authorization, clientIpOfRequest(req, trustProxyHops));
          // Judged before the Content-Type, as the app judges it (http/body-presence.ts): a missing body is one answer.
          if (size === 0) throw new BatonError('invalid_json', NO_BODY_MESSAGE);
          const type = req.headers['content-type'] ?? '';
          if (!/^application\/(.+\+)?json\b/i.test(type)) throw new BatonError('unsupported_media_type');
          let json: unknown;
          try {
            json = JSON.parse(withoutByteOrderMark(Buffer.concat(chunks).toString('utf8')));
          } catch {
            throw new BatonError('invalid_json');
          }
          assertStorable(json);
          const parsed = PostMessageSchema.safeParse(json);
          if (!parsed.success) {
            throw new BatonError('validation_failed', validationMessage(parsed.error), validationDetails(parsed.error));
          }
          const result = await ingest.submit(caller, sessionId, parsed.data);
          sendJson(res, result.status, result.body);
        } catch (error) {
          sendFailure(res, error, reporting, { method: 'POST', path: match[0] });
        }
      })();
    });
    return true;
  };
}
