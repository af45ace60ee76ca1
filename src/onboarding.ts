import { runRelayPopup } from './relay-popup.js';
import type { ZafClient } from './zaf.js';

/** What the relay's onboarding popup posts back (server/app-api/onboarding.ts `onboardingMessage`). */
const MESSAGE_TYPE = 'baton.onboarding';

export interface Connected {
  tenantId: string;
  created: boolean;
  /** true = the relay saved tenant id and shared secret into this installation's settings itself. */
  settingsSaved: boolean;
  /** Only when the settings could not be saved: shown once, for the admin to paste. */
  sharedSecret?: string;
  settingsProblem?: string;
  provisionProblem?: string;
  adminSession: string;
}

/**
 * Connect Baton: the installation has no tenant id or shared secret yet, so the start call carries no JWT; what
 * it asks for (a Zendesk OAuth popup at this account's subdomain) proves nothing until the person in the popup
 * proves, to Zendesk, that they administer this account.
 */
export async function connectBaton(client: ZafClient, relayUrl: string, win: Window = window): Promise<Connected> {
  const relay = relayUrl.replace(/\/$/, '');
  const [metadata, context] = await Promise.all([client.metadata(), client.context()]);
  const installationId = metadata.installationId;
  const subdomain = context.account?.subdomain;
  const message = await runRelayPopup<Record<string, unknown>>({
    win,
    relayUrl: relay,
    messageType: MESSAGE_TYPE,
    windowName: 'baton-connect',
    start: () =>
      client.request<{ url: string }>({
        url: `${relay}/app/v1/onboarding`,
        type: 'POST',
        cors: false,
        contentType: 'application/json',
        data: JSON.stringify({ subdomain, installationId, origin: win.location.origin }),
      }),
  });
  if (typeof message.tenantId !== 'string' || typeof message.adminSession !== 'string') throw new Error('unexpected');
  return message as unknown as Connected;
}
