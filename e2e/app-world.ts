import type { Browser } from 'playwright-core';
import type { HelpdeskResolver } from '../server/helpdesk/helpdesk.js';
import { connectZendesk, rotateAppSecret } from '../server/relay/admin.js';
import { startTestRelay, type TestRelay } from '../server/test/harness.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { launchChromium } from './chromium.js';
import { startWorkspace } from './workspace.js';

export interface AppWorld {
  zendesk: ZendeskEmulator;
  relay: TestRelay;
  workspace: Awaited<ReturnType<typeof startWorkspace>>;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * What the app's browser tests share: an emulated Zendesk account whose admins can sign in to the relay (its OAuth
 * client), a relay connected to it, the local workspace hosting the built app with the tenant's shared secret, and
 * Chromium. `helpdeskFor` replaces the Zendesk adapter (tests that record what the relay writes).
 */
export async function startAppWorld(options: { helpdeskFor?: HelpdeskResolver } = {}): Promise<AppWorld> {
  const zendesk = await startZendeskEmulator();
  zendesk.addOAuthClient({ id: 'zdg-baton', secret: 'shh' });
  const relay = await startTestRelay('pglite', { helpdeskFor: options.helpdeskFor, env: { ZENDESK_CLIENT_ID: 'zdg-baton', ZENDESK_CLIENT_SECRET: 'shh' } });
  await connectZendesk(relay.relay.db, relay.relay.masterKey, relay.tenantId, { baseUrl: zendesk.baseUrl, credentials: { type: 'oauth', accessToken: zendesk.issueAccessToken().accessToken } });
  const workspace = await startWorkspace({ sharedSecret: await rotateAppSecret(relay.relay.db, relay.relay.masterKey, relay.tenantId) });
  const browser = await launchChromium();
  return {
    zendesk,
    relay,
    workspace,
    browser,
    async stop() {
      await browser.close();
      await workspace.stop();
      await relay.stop();
      await zendesk.stop();
    },
  };
}
