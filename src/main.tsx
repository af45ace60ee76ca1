import { render } from 'preact';
import { createRelayApi, createRelayCall } from './api.js';
import { loadStrings } from './load-strings.js';
import { Sidebar } from './views/Sidebar.js';
import { initZafClient } from './zaf.js';

/** Waits for the app to be registered, then renders the ticket sidebar and keeps the iframe sized to its content. */
async function start() {
  const root = document.getElementById('app')!;
  const client = initZafClient();
  if (!client) {
    root.textContent = 'Open this app inside Zendesk.';
    return;
  }
  await new Promise<void>((resolve) => client.on('app.registered', () => resolve()));
  const [{ settings }, { location }] = await Promise.all([client.metadata(), client.context()]);
  const relay = { relayUrl: String(settings.relay_url ?? ''), tenantId: String(settings.tenant_id ?? '') };
  // One bundle, a root view per ZAF location.
  if (location === 'nav_bar') {
    // The admin page is its own chunk: agents opening tickets never download it.
    const [{ AdminPage, adminStringsFor, insightsStringsFor, stringsFor }, user] = await Promise.all([
      import('./admin.js'),
      client.get(['currentUser.locale', 'currentUser.role']),
    ]);
    const locale = user['currentUser.locale'] as string | undefined;
    // Everyone may read insights; the rules tab is for admins (the relay trusts the installation, not the role,
    // so this is the product's manners, not a security boundary).
    const canEditRules = user['currentUser.role'] === 'admin';
    render(
      <AdminPage
        call={createRelayCall(client, relay)}
        locale={locale}
        t={{ admin: adminStringsFor(locale), insights: insightsStringsFor(locale), errors: stringsFor(locale) }}
        openTicket={(id) => void client.invoke('routeTo', 'ticket', id)}
        download={downloadCsv}
        canEditRules={canEditRules}
      />,
      root,
    );
    return;
  }
  const data = await client.get(['ticket.id', 'currentUser.locale', 'currentUser.name']);
  const t = await loadStrings(data['currentUser.locale'] as string | undefined);
  const agentName = typeof data['currentUser.name'] === 'string' ? data['currentUser.name'] : undefined;
  // Screen readers pronounce the sidebar in the agent's language, not the page's default.
  document.documentElement.lang = t.locale;
  const resize = () => void client.invoke('resize', { width: '100%', height: `${Math.min(document.body.scrollHeight + 8, 800)}px` });
  // A ticket without a handoff gets no app taking space in its sidebar (ZAF's documented hide/show actions).
  const show = (visible: boolean) => void client.invoke(visible ? 'show' : 'hide');
  render(<Sidebar api={createRelayApi(client, relay)} ticketId={String(data['ticket.id'])} t={t} agentName={agentName} onRendered={resize} onVisible={show} />, root);
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

void start();
