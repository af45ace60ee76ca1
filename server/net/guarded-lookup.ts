import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../core/private-address.js';

/** The error code a refused address carries, so callers can tell it from a network failure. */
export const BLOCKED_ADDRESS = 'EBLOCKED';

/**
 * A DNS lookup for outgoing requests to client-chosen URLs (attachment links, callback URLs) that drops
 * private, loopback and link-local addresses. It runs when the socket connects, so a name that resolves
 * to a public address at check time and a private one later (DNS rebinding) is still refused.
 */
export function createGuardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: BLOCKED_ADDRESS }), '', 0);
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** An address written in the URL connects without a lookup: it is checked here instead. */
export function blockedLiteral(url: URL, allowPrivate: boolean): string | undefined {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  return !allowPrivate && isIP(literal) && isPrivateAddress(literal) ? literal : undefined;
}
