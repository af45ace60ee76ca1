import { render } from 'preact';
import { createRelayApi } from './api.js';
import { loadStrings } from './load-strings.js';
import { Sidebar } from './views/Sidebar.js';
import { initZafClient } from './zaf.js';

/** The tallest the sidebar makes itself, and the least room its conversation gets. */
const MAX_HEIGHT_PX = 800;
const MIN_CONVERSATION_PX = 240;

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
    await (await import('./admin.js')).mountAdmin(client, relay, root);
    return;
  }
  // Not connected yet (an admin connects Baton from its nav_bar page): no ticket can have a handoff, so agents see nothing.
  if (!relay.tenantId) return void client.invoke('hide');
  const data = await client.get(['ticket.id', 'currentUser.locale', 'currentUser.name']);
  const t = await loadStrings(data['currentUser.locale'] as string | undefined);
  const agentName = typeof data['currentUser.name'] === 'string' ? data['currentUser.name'] : undefined;
  // Screen readers pronounce the sidebar in the agent's language, not the page's default.
  document.documentElement.lang = t.locale;
  const resize = () => {
    // The conversation gets the room left under the header, the why card and the actions, so its newest message is in
    // view without scrolling the whole panel (at least a few messages' worth on a very narrow, very full sidebar).
    const scroller = document.querySelector<HTMLElement>('.scroller');
    if (scroller) scroller.style.maxHeight = `${Math.max(MIN_CONVERSATION_PX, MAX_HEIGHT_PX - 8 - (document.body.scrollHeight - scroller.offsetHeight))}px`;
    void client.invoke('resize', { width: '100%', height: `${Math.min(document.body.scrollHeight + 8, MAX_HEIGHT_PX)}px` });
  };
  // Any change of size (a message expanded, the confirmation opened, the banner shown) resizes the iframe.
  new ResizeObserver(resize).observe(document.body);
  // A ticket without a handoff gets no app taking space in its sidebar (ZAF's documented hide/show actions).
  const show = (visible: boolean) => void client.invoke(visible ? 'show' : 'hide');
  // ZAF's documented `routeTo` action opens a ticket in the agent's workspace (Support API, all locations).
  const openTicket = (id: string) => void client.invoke('routeTo', 'ticket', id);
  render(<Sidebar api={createRelayApi(client, relay)} ticketId={String(data['ticket.id'])} t={t} agentName={agentName} onRendered={resize} onVisible={show} onOpenTicket={openTicket} />, root);
}

void start();
