import { describe, expect, it } from 'vitest';
import { readAdminSession, requireAdminSession, signAdminSession } from './admin-session.js';

const key = Buffer.alloc(32, 7);
const now = 1_800_000_000_000;

describe('admin session token', () => {
  const token = signAdminSession(key, { tenantId: 'ten_a', zendeskUserId: 42, exp: now + 60_000 });

  it('reads back what was signed, until it expires', () => {
    expect(readAdminSession(key, token, now)).toEqual({ tenantId: 'ten_a', zendeskUserId: 42, exp: now + 60_000 });
    expect(readAdminSession(key, token, now + 60_000)).toBeUndefined();
  });

  it('refuses another key, a changed payload and another tenant with admin_required', () => {
    expect(readAdminSession(Buffer.alloc(32, 8), token, now)).toBeUndefined();
    const [v, , m] = token.split('.');
    const forged = `${v}.${Buffer.from(JSON.stringify({ t: 'ten_b', u: 42, e: now + 60_000 })).toString('base64url')}.${m}`;
    expect(readAdminSession(key, forged, now)).toBeUndefined();
    expect(() => requireAdminSession(key, token, 'ten_b', now)).toThrow(expect.objectContaining({ code: 'admin_required', status: 403 }));
    expect(() => requireAdminSession(key, undefined, 'ten_a', now)).toThrow(expect.objectContaining({ code: 'admin_required' }));
    expect(requireAdminSession(key, token, 'ten_a', now).zendeskUserId).toBe(42);
  });
});
