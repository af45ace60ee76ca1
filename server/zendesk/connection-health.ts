import { authorizationHeader, type ZendeskCredentials } from './credentials.js';
import { checkZendeskConnection, type ConnectionReport } from './check-connection.js';
import { zendeskRequest } from './http-client.js';
import { triggerSpecs, WEBHOOK_NAME } from './provision.js';

/** What the app's Connection view shows: is everything provisioning made still there, and as it made it? */
export interface ProvisioningState {
  webhook: { present: boolean; active: boolean; endpointMatches: boolean };
  triggers: Array<{ title: string; present: boolean; active: boolean }>;
}

type Hook = { name?: unknown; status?: unknown; endpoint?: unknown };
type Trigger = { title?: unknown; active?: unknown };

/** Pure: Zendesk's webhook and trigger lists against what provisioning creates for `endpoint`. */
export function compareProvisioning(hooks: Hook[], triggers: Trigger[], endpoint: string): ProvisioningState {
  const hook = hooks.find((h) => h.name === WEBHOOK_NAME);
  return {
    webhook: { present: Boolean(hook), active: hook?.status === 'active', endpointMatches: hook?.endpoint === endpoint },
    triggers: triggerSpecs().map((spec) => {
      const t = triggers.find((x) => x.title === spec.title);
      return { title: spec.title, present: Boolean(t), active: t?.active === true };
    }),
  };
}

export const provisioningHealthy = (p: ProvisioningState) =>
  p.webhook.present && p.webhook.active && p.webhook.endpointMatches && p.triggers.every((t) => t.present && t.active);

/** Reads only (the same calls provisioning starts with); a failure is reported, not thrown. */
export async function inspectConnection(
  baseUrl: string,
  credentials: ZendeskCredentials,
  endpoint: string,
): Promise<{ access: ConnectionReport; provisioning: ProvisioningState | null }> {
  const access = await checkZendeskConnection(baseUrl, credentials);
  if (!access.ok) return { access, provisioning: null };
  try {
    const auth = authorizationHeader(credentials);
    const hooks = ((await zendeskRequest(baseUrl, auth, 'GET', '/api/v2/webhooks?page[size]=100')).body as { webhooks?: Hook[] }).webhooks ?? [];
    const triggers = ((await zendeskRequest(baseUrl, auth, 'GET', '/api/v2/triggers?page[size]=100')).body as { triggers?: Trigger[] }).triggers ?? [];
    return { access, provisioning: compareProvisioning(hooks, triggers, endpoint) };
  } catch (error) {
    return { access: { ...access, ok: false, code: 'provisioning_unreadable', status: null, message: `Reading webhooks and triggers failed: ${(error as Error).message}` }, provisioning: null };
  }
}
