import { decodeJwt, jwtVerify } from 'jose';
import { BatonError } from '../core/errors.js';
import { decryptSecret } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { findAppSecret } from '../store/tenants.js';
import { hasUnstorableCharacters } from '../core/storable-json.js';

/** Zendesk's proxy signs with a short expiry; anything older is refused even if its exp says otherwise. */
export const MAX_APP_TOKEN_AGE_SECONDS = 10 * 60;

/**
 * Verifies the JWT Zendesk's request proxy signs for the app (`client.request({ jwt: { algorithm: 'HS256',
 * secret_key: '{{setting.shared_secret}}' } })`). The `tenant` claim only picks which secret to try; the
 * token proves "this installation", never which agent, so callers scope every answer to the tenant.
 */
export function createAppTokenVerifier(db: Database, masterKey: Buffer, audience: () => string) {
  return async (authorization: string | undefined): Promise<{ tenantId: string }> => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new BatonError('invalid_app_token');
    let tenantId: unknown;
    try {
      tenantId = decodeJwt(token).tenant;
    } catch {
      throw new BatonError('invalid_app_token');
    }
    // The claim is unverified until the secret it selects checks the signature: it must not break the lookup.
    if (typeof tenantId !== 'string' || tenantId.length > 100 || hasUnstorableCharacters(tenantId)) throw new BatonError('invalid_app_token');
    const sealed = await findAppSecret(db, tenantId);
    if (!sealed) throw new BatonError('invalid_app_token');
    try {
      await jwtVerify(token, new TextEncoder().encode(decryptSecret(masterKey, sealed)), {
        algorithms: ['HS256'],
        audience: audience(),
        maxTokenAge: MAX_APP_TOKEN_AGE_SECONDS,
        requiredClaims: ['exp', 'iat'],
      });
    } catch {
      throw new BatonError('invalid_app_token');
    }
    return { tenantId };
  };
}
