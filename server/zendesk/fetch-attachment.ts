import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { BLOCKED_ADDRESS, blockedLiteral, createGuardedLookup } from '../net/guarded-lookup.js';

export interface FetchedFile {
  bytes: Buffer;
  contentType: string;
}

export type FetchProblem = 'bad_url' | 'blocked_address' | 'too_large' | 'http_status' | 'timeout' | 'network';

export interface AttachmentFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Development and tests only: let URLs reach loopback and private networks. */
  allowPrivate: boolean;
}

export type FetchAttachment = (url: string) => Promise<FetchedFile | { problem: FetchProblem; detail: string }>;

const MAX_REDIRECTS = 3;

/**
 * Downloads a file an AI platform linked in a customer's message, so it can be attached to the ticket.
 * The URL comes from a client, so the relay must not become a way into its own network: every address
 * the name resolves to is checked when the socket connects (so DNS rebinding cannot slip past a check
 * made earlier), redirects are followed only a few times and checked the same way, and the size and
 * time are bounded.
 */
export function createAttachmentFetcher(options: AttachmentFetchOptions): FetchAttachment {
  const lookup = createGuardedLookup(options.allowPrivate);

  return async (url) => {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { problem: 'bad_url', detail: 'not a URL' };
    }
    const deadline = AbortSignal.timeout(options.timeoutMs);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (current.protocol !== 'https:' && current.protocol !== 'http:') return { problem: 'bad_url', detail: `${current.protocol} is not http(s)` };
      const literal = blockedLiteral(current, options.allowPrivate);
      if (literal) return { problem: 'blocked_address', detail: `${literal} is a private address` };
      const response = await get(current, lookup, deadline).catch((error: NodeJS.ErrnoException) => error);
      if (response instanceof Error) {
        if (response.code === BLOCKED_ADDRESS) return { problem: 'blocked_address', detail: response.message };
        if (deadline.aborted) return { problem: 'timeout', detail: `no answer within ${options.timeoutMs} ms` };
        return { problem: 'network', detail: response.message };
      }
      const status = response.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
        response.resume();
        current = new URL(response.headers.location, current);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        return { problem: 'http_status', detail: `answered ${status}` };
      }
      if (Number(response.headers['content-length'] ?? 0) > options.maxBytes) {
        response.destroy();
        return { problem: 'too_large', detail: `over ${options.maxBytes} bytes` };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response) {
          size += (chunk as Buffer).length;
          if (size > options.maxBytes) {
            response.destroy();
            return { problem: 'too_large', detail: `over ${options.maxBytes} bytes` };
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        return deadline.aborted ? { problem: 'timeout', detail: `no answer within ${options.timeoutMs} ms` } : { problem: 'network', detail: (error as Error).message };
      }
      return { bytes: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim() };
    }
    return { problem: 'http_status', detail: `more than ${MAX_REDIRECTS} redirects` };
  };
}

function get(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'GET', lookup, signal, headers: { 'user-agent': 'baton-relay' } }, resolve);
    request.on('error', reject);
    request.end();
  });
}
