import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Context } from 'hono';

/**
 * The client's address: the socket's peer, or behind `trustProxyHops` reverse proxies the entry that many
 * from the right of X-Forwarded-For (each proxy appends the address it saw; entries further left are the
 * client's own claims and are never trusted).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxyHops: number): string {
  if (trustProxyHops > 0 && forwardedFor) {
    const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
    const entry = hops[hops.length - trustProxyHops];
    if (entry) return entry.slice(0, 64);
  }
  return socketAddress ?? 'unknown';
}

/**
 * The key an address is rate-limited under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64, which is
 * what one subscriber usually gets; keying single IPv6 addresses would let anyone rotate past the limit.
 */
export function rateLimitKeyOfAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function clientIpOfRequest(req: IncomingMessage, trustProxyHops: number): string {
  const forwarded = req.headers['x-forwarded-for'];
  return clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trustProxyHops);
}

/** Same for a Hono request served by @hono/node-server (its `env.incoming` is Node's request). */
export function clientIpOfContext(c: Context, trustProxyHops: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return clientAddress(incoming?.socket.remoteAddress, c.req.header('x-forwarded-for'), trustProxyHops);
}
