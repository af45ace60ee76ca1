import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets at rest: AES-256-GCM with the master key, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * API keys: only a SHA-256 of the secret part is stored; the keys are 32 random bytes, so a slow hash
 * would add nothing but latency on every request.
 */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('MASTER_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('hex');
}

export function encryptSecret(masterKey: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(masterKey: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * decryptSecret with memory: a sealed value is opened once. Webhook secrets are opened on every agent reply
 * (the Zendesk webhook's signature check, the platform callback's signature); AES-GCM each time was ~3 % of the
 * relay's CPU in bench/zendesk.ts. A rotated secret is a new sealed value (fresh IV): nothing stale is served.
 * At most maxEntries are kept, the oldest dropped first.
 */
export function createSecretOpener(masterKey: Buffer, maxEntries = 1_000): (sealed: string) => string {
  const opened = new Map<string, string>();
  return (sealed) => {
    let plaintext = opened.get(sealed);
    if (plaintext === undefined) {
      plaintext = decryptSecret(masterKey, sealed);
      if (opened.size >= maxEntries) opened.delete(opened.keys().next().value!);
      opened.set(sealed, plaintext);
    }
    return plaintext;
  };
}

/** Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const API_KEY_PREFIX = 'bk_';

export interface IssuedApiKey {
  /** Shown once to the operator. */
  plaintext: string;
  keyId: string;
  secretHash: string;
}

/** `bk_<keyId>_<secret>`: the key id finds the row, the secret is compared by hash in constant time. */
export function issueApiKey(): IssuedApiKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { plaintext: `${API_KEY_PREFIX}${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function parseApiKey(plaintext: string): { keyId: string; secret: string } | undefined {
  const match = /^bk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(plaintext);
  if (!match) return undefined;
  return { keyId: match[1]!, secret: match[2]! };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
