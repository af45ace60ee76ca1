import { SignJWT } from 'jose';

/** The JWT Zendesk's request proxy would sign for the app with its secure shared_secret setting. */
export const proxyToken = (secret: string, claims: Record<string, unknown>, opts: { aud: string; expSeconds?: number }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setAudience(opts.aud)
    .setExpirationTime(`${opts.expSeconds ?? 60}s`)
    .sign(new TextEncoder().encode(secret));
