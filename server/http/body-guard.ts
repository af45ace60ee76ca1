import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './errors.js';
import { maxBodyBytesFor } from './body-limits.js';

/** After answering early, this much of the rest of a body is read and thrown away before the socket is cut. */
export const DRAIN_MAX_BYTES = 32 * 1024 * 1024;
/** …and for at most this long. */
export const DRAIN_MAX_MS = 15_000;
/** Past either bound the relay half-closes (FIN) and stops reading; the socket is destroyed this much later. */
export const CLOSE_GRACE_MS = 5_000;

/**
 * Runs before any handler, at the Node level, so a body is judged before a single byte of it is read:
 * a declared Content-Length over the route's limit is answered 413 at once. Bodies without a length
 * (chunked) are capped while streaming by the handlers (`bodyLimit`, the fast ingest path).
 *
 * Either way the answer can come while the client is still uploading. Closing the socket then would
 * reset the connection and the client's kernel may drop the 413 it has not read yet (seen as EPIPE or
 * ECONNRESET instead of the answer). So the rest of the body is read and discarded — bounded in bytes
 * and time — and a connection whose body ended in time stays usable. Past the bounds the relay stops
 * reading and half-closes (FIN, not RST, so the answer already sent stays readable), then destroys the
 * socket after a grace period; a reset then can no longer take an unread answer with it.
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
  const socket = req.socket;
  const cut = () => {
    clearTimeout(timer);
    req.removeListener('data', onData);
    req.pause();
    // Destroying now would reset a socket holding unread bytes, and a reset can discard the answer
    // the client has not read yet: say goodbye first, cut later.
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  };
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) cut();
  };
  const timer = setTimeout(cut, maxMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
