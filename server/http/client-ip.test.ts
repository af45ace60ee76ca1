import { describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKeyOfAddress } from './client-ip.js';

describe('client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted, and then trusts only their entries', () => {
    expect(clientAddress('10.0.0.1', '6.6.6.6', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(rateLimitKeyOfAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKeyOfAddress('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKeyOfAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKeyOfAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(rateLimitKeyOfAddress('192.0.2.7')).toBe('192.0.2.7');
  });
});
