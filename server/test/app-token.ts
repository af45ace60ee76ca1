import { SignJWT } from 'jose';

/** The JWT Zendesk's request proxy would sign for the app with its secure shared_secret setting. */
export const proxyToken = (secret: string, claims: Record<string, unknown>, opts: { aud: string; expSeconds?: number }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setAudience(opts.aud)
    .setExpirationTime(`${opts.expSeconds ?? 60}s`)
    .sign(new TextEncoder().encode(secret));

/**
 * Calls the relay's `/app/v1` routes as the installed app does: a fresh proxy JWT per call and, unless `undefined`,
 * the admin session header. A string body is sent as it is (hostile-input tests), anything else as JSON.
 */
export function appCaller(relay: { url: string; tenantId: string }, appSecret: () => string, defaultSession: () => string | undefined) {
  return async (method: string, path: string, body?: unknown, session: string | undefined = defaultSession()) => {
    const jwt = await proxyToken(appSecret(), { tenant: relay.tenantId }, { aud: relay.url });
    const res = await fetch(`${relay.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', ...(session ? { 'x-baton-admin-session': session } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
