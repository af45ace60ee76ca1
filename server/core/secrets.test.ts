import { describe, expect, it } from 'vitest';
import {
  createSecretOpener,
  decryptSecret,
  encryptSecret,
  generateMasterKey,
  generateWebhookSecret,
  issueApiKey,
  parseApiKey,
  parseMasterKey,
  secretMatches,
} from './secrets.js';

describe('secrets', () => {
  const key = parseMasterKey(generateMasterKey());

  it('round-trips a secret through AES-256-GCM and detects tampering', () => {
    const sealed = encryptSecret(key, 'whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(decryptSecret(key, sealed)).toBe('whsec_abc');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptSecret(key, parts.join('.'))).toThrow();
    expect(() => decryptSecret(parseMasterKey(generateMasterKey()), sealed)).toThrow();
  });

  it('opens each sealed secret once, serves a rotated one fresh, refuses a tampered one, and keeps a bounded number', () => {
    const open = createSecretOpener(key, 2);
    const first = encryptSecret(key, 'whsec_first');
    const rotated = encryptSecret(key, 'whsec_rotated');
    expect(open(first)).toBe('whsec_first');
    expect(open(rotated)).toBe('whsec_rotated');
    expect(open(first)).toBe('whsec_first');
    // A bit of the ciphertext flipped (not the text's last character: with 11 bytes sealed, its low bits are base64
    // padding, which decoding ignores, so 1 run in 16 "tampered" nothing).
    const parts = first.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => open([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
    // A third sealed value pushes out the oldest; every one still opens to its own plaintext.
    const third = encryptSecret(key, 'whsec_third');
    expect([open(third), open(first), open(rotated)]).toEqual(['whsec_third', 'whsec_first', 'whsec_rotated']);
  });

  it('accepts hex and base64 master keys of 32 bytes only', () => {
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64')).length).toBe(32);
    expect(() => parseMasterKey('short')).toThrow(/32 bytes/);
  });

  it('issues API keys whose secret verifies and whose tampered copy does not', () => {
    const issued = issueApiKey();
    const parsed = parseApiKey(issued.plaintext);
    expect(parsed?.keyId).toBe(issued.keyId);
    expect(secretMatches(parsed!.secret, issued.secretHash)).toBe(true);
    expect(secretMatches(parsed!.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), issued.secretHash)).toBe(false);
    expect(parseApiKey('bk_nothex_x')).toBeUndefined();
  });

  it('makes Standard Webhooks secrets', () => {
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });
});
