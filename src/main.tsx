import { render } from 'preact';
import { createRelayApi } from './api.js';
import { stringsFor } from './i18n.js';
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
  const [{ settings }, data] = await Promise.all([client.metadata(), client.get(['ticket.id', 'currentUser.locale'])]);
  const api = createRelayApi(client, { relayUrl: String(settings.relay_url ?? ''), tenantId: String(settings.tenant_id ?? '') });
  const resize = () => void client.invoke('resize', { width: '100%', height: `${Math.min(document.body.scrollHeight + 8, 800)}px` });
  render(<Sidebar api={api} ticketId={String(data['ticket.id'])} t={stringsFor(data['currentUser.locale'] as string | undefined)} onRendered={resize} />, root);
}

void start();
