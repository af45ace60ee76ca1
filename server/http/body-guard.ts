import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './errors.js';
import { maxBodyBytesFor } from './body-limits.js';

/** After answering early, this much of the rest of a body is read and thrown away before the socket is cut. */
export const DRAIN_MAX_BYTES = 32 * 1024 * 1024;
/** …and for at most this long. */
export const DRAIN_MAX_MS = 15_000;

/**
 * Runs before any handler, at the Node level, so a body is judged before a single byte of it is read:
 * a declared Content-Length over the route's limit is answered 413 at once. Bodies without a length
 * (chunked) are capped while streaming by the handlers (`bodyLimit`, the fast ingest path).
 *
 * Either way the answer can come while the client is still uploading. Closing the socket then would
 * reset the connection and the client's kernel may drop the 413 it has not read yet (seen as EPIPE or
 * ECONNRESET instead of the answer). So the rest of the body is read and discarded — bounded in bytes
 * and time, then the socket is cut — and a connection whose body ended in time stays usable.
 * Returns true when the request has been answered here.
 */
export function guardRequestBody(req: IncomingMessage, res: ServerResponse, options: { drainMaxBytes?: number; drainMaxMs?: number } = {}): boolean {
  res.once('finish', () => {
    if (!req.complete) drainThenClose(req, options.drainMaxBytes ?? DRAIN_MAX_BYTES, options.drainMaxMs ?? DRAIN_MAX_MS);
  });
  const declared = req.headers['content-length'];
  if (declared === undefined || req.headers['transfer-encoding'] !== undefined) return false;
  const path = (req.url ?? '/').split('?')[0]!;
  const length = Number(declared);
  if (!Number.isFinite(length) || length <= maxBodyBytesFor(path)) return false;
  const text = JSON.stringify(errorBody('payload_too_large', `The request body is too large (at most ${maxBodyBytesFor(path)} bytes here).`));
  res.writeHead(413, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  return true;
}

function drainThenClose(req: IncomingMessage, maxBytes: number, maxMs: number): void {
  if (req.complete || req.destroyed) return;
  // Whoever read the body before (the Fetch adapter's stream) has given up on it: drop its listener so
  // the discarded bytes are not queued into a stream nobody reads.
  req.removeAllListeners('data');
  let bytes = 0;
  const cut = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(cut, maxMs);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
