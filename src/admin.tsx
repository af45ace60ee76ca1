import { render } from 'preact';
import { adminStringsFor } from './admin-i18n.js';
import { createAdminSession } from './admin-session.js';
import { createRelayCall } from './api.js';
import { stringsFor } from './i18n.js';
import { insightsStringsFor } from './insights-i18n.js';
import { connectStringsFor } from './connect-i18n.js';
import { connectBaton } from './onboarding.js';
import { AdminPage } from './views/AdminPage.js';
import { ConnectPage } from './views/ConnectPage.js';
import type { ZafClient } from './zaf.js';

/**
 * The nav_bar page (insights and rules), loaded by main.tsx with one import(): one chunk, one request through
 * Zendesk's CDN, and nothing of it in the bundle agents download to open a ticket.
 */
export async function mountAdmin(client: ZafClient, relay: { relayUrl: string; tenantId: string }, root: HTMLElement) {
  const user = await client.get(['currentUser.locale', 'currentUser.role']);
  const locale = user['currentUser.locale'] as string | undefined;
  // Everyone may read insights; the rules tab is for admins. This is the product's manners only: the relay
  // refuses rule changes without an admin session, proven through the admin's own Zendesk sign-in.
  const canEditRules = user['currentUser.role'] === 'admin';
  const adminSession = createAdminSession(relay.relayUrl);
  const connect = connectStringsFor(locale);
  const showAdmin = (settings: { relayUrl: string; tenantId: string }, initialTab?: 'connection') => {
    const call = createRelayCall(client, settings, adminSession.headers);
    render(
      <AdminPage
        call={call}
        signInAsAdmin={() => adminSession.signIn(call)}
        locale={locale}
        t={{ admin: adminStringsFor(locale), insights: insightsStringsFor(locale), errors: stringsFor(locale), connect }}
        openTicket={(id) => void client.invoke('routeTo', 'ticket', id)}
        download={downloadCsv}
        canEditRules={canEditRules}
        initialTab={initialTab}
      />,
      root,
    );
  };
  // An installation without a tenant id has never been connected: the first thing it offers is Connect Baton.
  if (relay.tenantId) return showAdmin(relay);
  document.documentElement.lang = locale ?? 'en';
  render(
    <ConnectPage
      t={connect}
      hasRelay={/^https?:\/\/[^/]/.test(relay.relayUrl)}
      connect={() => connectBaton(client, relay.relayUrl)}
      onConnected={(c) => {
        // Connecting proved the same thing an admin sign-in does: the session comes with it.
        adminSession.adopt(c.adminSession);
        showAdmin({ ...relay, tenantId: c.tenantId }, 'connection');
      }}
    />,
    root,
  );
}

/** Saves a CSV through a temporary link (the app's iframe may download files the user asked for). */
function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
