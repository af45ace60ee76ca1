import { describe, expect, it } from 'vitest';
import { previousSecretUntil, signingSecrets, WEBHOOK_SECRET_OVERLAP_HOURS } from './webhook-secret-overlap.js';

describe('the overlap window after a webhook secret rotation', () => {
  const rotatedAt = new Date('2026-12-04T12:00:00Z');

  it('lasts WEBHOOK_SECRET_OVERLAP_HOURS (24 h) by default, the hours asked for otherwise, and not at all for 0', () => {
    expect(WEBHOOK_SECRET_OVERLAP_HOURS).toBe(24);
    expect(previousSecretUntil(rotatedAt)).toEqual(new Date('2026-12-05T12:00:00Z'));
    expect(previousSecretUntil(rotatedAt, 2)).toEqual(new Date('2026-12-04T14:00:00Z'));
    expect(previousSecretUntil(rotatedAt, 0)).toBeNull();
  });

  it('signs with the current secret first and the previous one until the window ends, then the current alone', () => {
    const until = previousSecretUntil(rotatedAt);
    expect(signingSecrets('new', 'old', until, rotatedAt)).toEqual(['new', 'old']);
    expect(signingSecrets('new', 'old', until, new Date('2026-12-05T11:59:59Z'))).toEqual(['new', 'old']);
    expect(signingSecrets('new', 'old', until, new Date('2026-12-05T12:00:00Z'))).toEqual(['new']);
    expect(signingSecrets('new', null, null, rotatedAt)).toEqual(['new']);
  });
});
