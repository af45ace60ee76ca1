import { render } from 'preact';
import { adminStringsFor } from './admin-i18n.js';
import { createAdminSession } from './admin-session.js';
import { createRelayCall } from './api.js';
import { stringsFor } from './i18n.js';
import { insightsStringsFor } from './insights-i18n.js';
import { AdminPage } from './views/AdminPage.js';
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
  const call = createRelayCall(client, relay, adminSession.headers);
  render(
    <AdminPage
      call={call}
      signInAsAdmin={() => adminSession.signIn(call)}
      locale={locale}
      t={{ admin: adminStringsFor(locale), insights: insightsStringsFor(locale), errors: stringsFor(locale) }}
      openTicket={(id) => void client.invoke('routeTo', 'ticket', id)}
      download={downloadCsv}
      canEditRules={canEditRules}
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
