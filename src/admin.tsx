import { render } from 'preact';
import { createAdminSession } from './admin-session.js';
import { createRelayCall } from './api.js';
import { insightsStringsFor } from './insights-i18n.js';
import { loadStrings } from './load-strings.js';
import { connectionTabLabel, loadConnectStrings } from './connect-i18n.js';
import { AdminPage } from './views/AdminPage.js';
import type { ZafClient } from './zaf.js';

/**
 * The nav_bar page (insights and rules), loaded by main.tsx with one import(): one chunk, one request through
 * Zendesk's CDN, and nothing of it in the bundle agents download to open a ticket.
 */
export async function mountAdmin(client: ZafClient, relay: { relayUrl: string; tenantId: string }, root: HTMLElement) {
  const user = await client.get(['currentUser.locale', 'currentUser.role']);
  const locale = user['currentUser.locale'] as string | undefined;
  // The sidebar's strings (errors, reason words) in the admin's language only: one small chunk, shared with the sidebar.
  const strings = await loadStrings(locale);
  // Everyone may read insights; the rules tab is for admins. This is the product's manners only: the relay
  // refuses rule changes without an admin session, proven through the admin's own Zendesk sign-in.
  const canEditRules = user['currentUser.role'] === 'admin';
  const adminSession = createAdminSession(relay.relayUrl);
  const showAdmin = (settings: { relayUrl: string; tenantId: string }, initialTab?: 'connection') => {
    const call = createRelayCall(client, settings, adminSession.headers);
    const signInAsAdmin = () => adminSession.signIn(call);
    // The Connection view's code and strings load when its tab opens: opening the page costs nothing for it.
    const connectionPanel = async () => {
      const [{ ConnectionHealth }, t] = await Promise.all([import('./views/ConnectionHealth.js'), loadConnectStrings(locale)]);
      // A failed call reads as on the Insights tab (the main strings, already loaded), the relay being down too.
      return <ConnectionHealth call={call} t={t} locale={locale} signInAsAdmin={signInAsAdmin} words={strings} />;
    };
    render(
      <AdminPage
        call={call}
        signInAsAdmin={signInAsAdmin}
        locale={locale}
        t={{ insights: insightsStringsFor(locale, strings.reasons), errors: strings }}
        openTicket={(id) => void client.invoke('routeTo', 'ticket', id)}
        download={downloadCsv}
        canEditRules={canEditRules}
        connection={{ label: connectionTabLabel(locale), panel: connectionPanel }}
        initialTab={initialTab}
      />,
      root,
    );
  };
  // An installation without a tenant id has never been connected: the first thing it offers is Connect Baton.
  if (relay.tenantId) return showAdmin(relay);
  const [{ ConnectPage }, { connectBaton }, t] = await Promise.all([import('./views/ConnectPage.js'), import('./onboarding.js'), loadConnectStrings(locale)]);
  document.documentElement.lang = locale ?? 'en';
  render(
    <ConnectPage
      t={t}
      hasRelay={/^https?:\/\/[^/]/.test(relay.relayUrl)}
      connect={() => connectBaton(client, relay.relayUrl)}
      unreachable={strings.unreachable}
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
