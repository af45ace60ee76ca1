import { render } from 'preact';
import { adminStringsFor } from './admin-i18n.js';
import { createRelayApi, createRelayCall } from './api.js';
import { stringsFor } from './i18n.js';
import { RulesAdmin } from './views/RulesAdmin.js';
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
    const locale = (await client.get('currentUser.locale'))['currentUser.locale'] as string | undefined;
    render(<RulesAdmin call={createRelayCall(client, relay)} t={adminStringsFor(locale)} errors={stringsFor(locale)} />, root);
    return;
  }
  const data = await client.get(['ticket.id', 'currentUser.locale']);
  const resize = () => void client.invoke('resize', { width: '100%', height: `${Math.min(document.body.scrollHeight + 8, 800)}px` });
  render(<Sidebar api={createRelayApi(client, relay)} ticketId={String(data['ticket.id'])} t={stringsFor(data['currentUser.locale'] as string | undefined)} onRendered={resize} />, root);
}

void start();
