import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { BatonError } from '../core/errors.js';

/**
 * Request bodies read straight from Node's request (`env.incoming` under @hono/node-server), for the routes
 * Zendesk calls on every agent reply. Touching the Fetch body (`c.req.raw.body`, as hono's bodyLimit does, or
 * `arrayBuffer()`) builds a web Request and a web stream per request: in bench/zendesk.ts's profile that cost
 * more than the rest of a webhook's handling. Same limits and answers as bodyLimit: a declared length over the
 * cap is 413 at once (http/body-guard.ts judged it already), a chunked body is read up to the cap before the
 * route runs, 413 past it. Without Node's request (app.request in tests) the Fetch body is read, same cap.
 */
const bodies = new WeakMap<object, Promise<Buffer>>();

/** The body, read once per request (later calls get the same bytes), at most maxBytes. */
export function readBodyCapped(c: Context, maxBytes: number): Promise<Buffer> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming ? readIncomingOnce(incoming, maxBytes) : once(c.req.raw, () => readFetchBody(c, maxBytes));
}

/** readBodyCapped for a route served from Node's request without Hono (zendesk/webhook-fast-path.ts). */
export function readIncomingOnce(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return once(incoming, () => readIncoming(incoming, maxBytes));
}

function once(request: object, read: () => Promise<Buffer>): Promise<Buffer> {
  let body = bodies.get(request);
  if (!body) {
    body = read();
    bodies.set(request, body);
  }
  return body;
}

/** bodyLimit's contract without the Fetch body: chunked bodies are read (capped) before the route runs. */
export function nodeBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (!chunked) {
      if (declared !== undefined && Number(declared) > maxBytes) throw new BatonError('payload_too_large');
      return next();
    }
    await readBodyCapped(c, maxBytes);
    return next();
  };
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // The answer goes out now; the body guard reads and discards the rest (bounded) so the client sees it.
      over = true;
      chunks.length = 0;
      incoming.removeListener('data', onData);
      reject(new BatonError('payload_too_large'));
    };
    incoming.on('data', onData);
    incoming.once('end', () => over || resolve(Buffer.concat(chunks, size)));
    incoming.once('error', (error) => over || reject(error));
  });
}

async function readFetchBody(c: Context, maxBytes: number): Promise<Buffer> {
  const body = c.req.raw.body;
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    size += chunk.length;
    if (size > maxBytes) throw new BatonError('payload_too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
