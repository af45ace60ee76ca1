import { render, screen } from '@testing-library/preact';
import { createRelayApi } from './api.js';
import { stringsFor } from './i18n.js';
import type { SessionView } from './schema.js';
import { Sidebar } from './views/Sidebar.js';
import type { ZafClient } from './zaf.js';

/** Test fixtures for the sidebar's component tests: a session as the relay sends it, and a ZAF client stand-in. */
export const session = (over: Partial<SessionView> = {}): SessionView => ({
  tags: [], metadata: {},
  id: 'ses_1', state: 'waiting', version: 2, stateChangedAt: new Date(Date.now() - 5 * 60_000).toISOString(), ticketId: '42',
  reason: { code: 'customer_request', text: 'Asked for a human' }, handoffs: [], returnToAiTicketStatus: 'solved', summary: 'Order 88213 missing', priority: 'high',
  signals: { confidence: 0.31, sentiment: -0.4 }, rule: { id: 'r1', name: 'Customer asks for a human' }, trigger: null,
  transitions: [{ from: null, to: 'pending', at: new Date().toISOString(), version: 1, cause: 'handoff' }, { from: 'pending', to: 'waiting', at: new Date().toISOString(), version: 2, cause: 'ticket_created' }],
  messages: [
    { id: 'm1', role: 'user', text: 'My order never arrived', createdAt: new Date().toISOString(), attachments: [], authorName: 'Jane', delivery: null },
    { id: 'm2', role: 'assistant', text: 'Let me check', createdAt: new Date().toISOString(), attachments: [], authorName: null, delivery: null },
    { id: 'zd-9', role: 'agent', text: 'Hi Jane', createdAt: new Date().toISOString(), attachments: [], authorName: 'Sam', delivery: { state: 'failed', attempts: 20 } },
  ],
  ...over,
});

/** A stand-in for the ZAF client's request(): answers like Zendesk's proxy would, records the calls. */
export function stubClient(answer: (options: Record<string, unknown>) => unknown) {
  const calls: Array<Record<string, unknown>> = [];
  const client: ZafClient = {
    on: () => {},
    get: async () => ({}),
    invoke: async () => undefined,
    metadata: async () => ({ settings: {} }),
    context: async () => ({ location: 'ticket_sidebar' }),
    request: async <T,>(options: Record<string, unknown>) => {
      calls.push(options);
      const a = answer(options);
      if (a instanceof Error) throw a;
      return a as T;
    },
  };
  return { client, calls };
}
export const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
/** Baton's answer for a ticket without a handoff (what the proxy rejects with). */
export const noSession = () => Object.assign(httpError(404), { responseText: JSON.stringify({ error: { code: 'session_not_found', message: 'No session for this ticket.' } }) });
/** Retries and polls in milliseconds rather than seconds: the same policy, a faster clock. */
export const fast = { retryDelay: () => 30, pollMs: 50 };
export const mount = (client: ZafClient, locale = 'en', agentName?: string, props: Partial<Parameters<typeof Sidebar>[0]> = {}) =>
  render(<Sidebar api={createRelayApi(client, { relayUrl: 'https://relay.test', tenantId: 'ten_1' })} ticketId="42" t={stringsFor(locale)} agentName={agentName} {...props} />);
export const messages = () => screen.getByTestId('transcript').querySelectorAll('li.msg');
export const posted = (calls: Array<Record<string, unknown>>, path: string) => calls.filter((c) => String(c.url).split('?')[0]!.endsWith(path)).map((c) => JSON.parse(String(c.data)));

