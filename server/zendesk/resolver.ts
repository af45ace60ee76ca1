import type { Database } from '../db/database.js';
import type { Helpdesk, HelpdeskResolver } from '../helpdesk/helpdesk.js';
import { findTenant } from '../store/tenants.js';
import { canImpersonate, openCredentials } from './credentials.js';
import type { FetchAttachment } from './fetch-attachment.js';
import { createZendeskHelpdesk } from './helpdesk.js';
import { createTokenProvider, type OAuthClient } from './token-provider.js';

/** The tenant's Zendesk, from its stored connection; cached briefly so bursts do not re-read and decrypt. */
export function createZendeskResolver(
  db: Database,
  masterKey: Buffer,
  oauthClient?: OAuthClient,
  options: { cacheMs?: number; fetchAttachment?: FetchAttachment } = {},
): HelpdeskResolver {
  const cacheMs = options.cacheMs ?? 5_000;
  const cache = new Map<string, { helpdesk: Helpdesk | undefined; until: number }>();
  const tokens = createTokenProvider(db, masterKey, oauthClient);
  return async (tenantId) => {
    const hit = cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.helpdesk;
    const tenant = await findTenant(db, tenantId);
    let helpdesk: Helpdesk | undefined;
    if (tenant?.zendeskCredentialsEnc) {
      const baseUrl = (tenant.zendeskBaseUrl ?? `https://${tenant.zendeskSubdomain}.zendesk.com`).replace(/\/$/, '');
      const impersonate = canImpersonate(openCredentials(masterKey, tenant.zendeskCredentialsEnc));
      helpdesk = createZendeskHelpdesk(baseUrl, async (force) => {
        // Re-read on every call: a refresh (here or in another process) rotates the stored tokens.
        const fresh = await findTenant(db, tenantId);
        if (!fresh?.zendeskCredentialsEnc) throw new Error('zendesk_not_connected');
        return tokens(tenantId, openCredentials(masterKey, fresh.zendeskCredentialsEnc), force);
      }, { impersonate, ...(options.fetchAttachment ? { fetchAttachment: options.fetchAttachment } : {}) });
    }
    cache.set(tenantId, { helpdesk, until: Date.now() + cacheMs });
    return helpdesk;
  };
}
