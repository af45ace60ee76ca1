import { z } from 'zod';
import { decryptSecret, encryptSecret } from '../core/secrets.js';

/**
 * How the relay authenticates to a tenant's Zendesk. OAuth bearer tokens are the production path;
 * API tokens are a development option only (Zendesk stops accepting them on 2027-04-30).
 */
export const ZendeskCredentialsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('api_token'), email: z.email(), token: z.string().min(1) }),
  z.object({
    type: z.literal('oauth'),
    accessToken: z.string().min(1),
    refreshToken: z.string().optional(),
    /** ms epoch */
    expiresAt: z.number().optional(),
    /** Scopes Zendesk granted; `impersonate` lets end-user lines be written as the end user. */
    scopes: z.array(z.string()).optional(),
  }),
]);
export type ZendeskCredentials = z.infer<typeof ZendeskCredentialsSchema>;

export function sealCredentials(masterKey: Buffer, credentials: ZendeskCredentials): string {
  return encryptSecret(masterKey, JSON.stringify(ZendeskCredentialsSchema.parse(credentials)));
}

export function openCredentials(masterKey: Buffer, sealed: string): ZendeskCredentials {
  return ZendeskCredentialsSchema.parse(JSON.parse(decryptSecret(masterKey, sealed)));
}

export function authorizationHeader(c: ZendeskCredentials): string {
  if (c.type === 'oauth') return `Bearer ${c.accessToken}`;
  return `Basic ${Buffer.from(`${c.email}/token:${c.token}`).toString('base64')}`;
}

export const canImpersonate = (c: ZendeskCredentials) => c.type === 'oauth' && (c.scopes ?? []).includes('impersonate');
