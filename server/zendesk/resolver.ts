import type { Database } from '../db/database.js';
import type { Helpdesk, HelpdeskResolver } from '../helpdesk/helpdesk.js';
import { findTenant } from '../store/tenants.js';
import { openCredentials } from './credentials.js';
import { createZendeskHelpdesk } from './helpdesk.js';

/** The tenant's Zendesk, from its stored connection; cached briefly so bursts do not re-read and decrypt. */
export function createZendeskResolver(db: Database, masterKey: Buffer, cacheMs = 5_000): HelpdeskResolver {
  const cache = new Map<string, { helpdesk: Helpdesk | undefined; until: number }>();
  return async (tenantId) => {
    const hit = cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.helpdesk;
    const tenant = await findTenant(db, tenantId);
    let helpdesk: Helpdesk | undefined;
    if (tenant?.zendeskCredentialsEnc) {
      const baseUrl = tenant.zendeskBaseUrl ?? `https://${tenant.zendeskSubdomain}.zendesk.com`;
      helpdesk = createZendeskHelpdesk(baseUrl.replace(/\/$/, ''), openCredentials(masterKey, tenant.zendeskCredentialsEnc));
    }
    cache.set(tenantId, { helpdesk, until: Date.now() + cacheMs });
    return helpdesk;
  };
}
