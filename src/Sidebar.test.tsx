import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelayApi } from './api.js';
import { stringsFor } from './i18n.js';
import type { SessionView } from './schema.js';
import { Sidebar } from './views/Sidebar.js';
import type { ZafClient } from './zaf.js';

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: 'ses_1', state: 'waiting', version: 2, stateChangedAt: new Date(Date.now() - 5 * 60_000).toISOString(), ticketId: '42',
  reason: { code: 'customer_request', text: 'Asked for a human' }, summary: 'Order 88213 missing', priority: 'high',
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
function stubClient(answer: (options: Record<string, unknown>) => unknown) {
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
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
const mount = (client: ZafClient, locale = 'en') =>
  render(<Sidebar api={createRelayApi(client, { relayUrl: 'https://relay.test', tenantId: 'ten_1' })} ticketId="42" t={stringsFor(locale)} />);

afterEach(cleanup);

describe('ticket sidebar', () => {
  it('shows state, why it was escalated and the transcript, signed with the JWT option', async () => {
    const { client, calls } = stubClient(() => ({ session: session() }));
    mount(client);
    expect(await screen.findByTestId('state')).toHaveProperty('textContent', 'Waiting for an agent');
    expect(screen.getByTestId('why').textContent).toContain('customer_request');
    expect(screen.getByTestId('why').textContent).toContain('31%');
    expect(screen.getByTestId('transcript').querySelectorAll('li')).toHaveLength(3);
    expect(screen.getByText(/not delivered/)).toBeTruthy();
    expect(calls[0]).toMatchObject({ url: 'https://relay.test/app/v1/tickets/42/session', secure: true, jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', claims: { tenant: 'ten_1' } } });
  });

  it('returns the session to the AI with the note', async () => {
    const { client, calls } = stubClient((o) => (String(o.url).endsWith('return-to-ai') ? { session: session({ state: 'returned' }) } : { session: session({ state: 'human' }) }));
    mount(client);
    fireEvent.input(await screen.findByPlaceholderText('Note for the AI (optional)'), { target: { value: 'refund done' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('Returned to AI'));
    expect(JSON.parse(String(calls.at(-1)!.data))).toEqual({ note: 'refund done' });
    expect(screen.queryByTestId('return-to-ai')).toBeNull();
  });

  it('keeps hostile transcript content inert', async () => {
    const evil = session({ messages: [{ id: 'x', role: 'user', text: '<img src=x onerror="window.pwned=1">', createdAt: new Date().toISOString(), attachments: [{ url: 'javascript:alert(1)', name: 'click me' }, { url: 'https://files.test/a.pdf', name: 'a.pdf' }], authorName: null, delivery: null }] });
    const { client } = stubClient(() => ({ session: evil }));
    mount(client);
    const list = await screen.findByTestId('transcript');
    expect(list.querySelector('img')).toBeNull();
    expect(list.textContent).toContain('<img src=x');
    expect([...list.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://files.test/a.pdf']);
    expect(list.querySelector('a')!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows the empty state and explains each error to the admin, translated', async () => {
    mount(stubClient(() => httpError(404)).client);
    expect((await screen.findByTestId('empty')).textContent).toBe('No AI handoff on this ticket.');
    cleanup();
    mount(stubClient(() => httpError(401)).client, 'de');
    expect((await screen.findByTestId('error')).textContent).toMatch(/Schlüssel oder Mandanten-ID/);
    cleanup();
    mount(stubClient(() => httpError(0)).client, 'ja');
    expect((await screen.findByTestId('error')).textContent).toMatch(/リレー URL/);
    cleanup();
    mount(stubClient(() => httpError(403)).client, 'pt-BR');
    expect((await screen.findByTestId('error')).textContent).toMatch(/não está conectada/);
  });

  it('renders a long transcript in part, with the rest one click away', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ id: `m${i}`, role: 'user' as const, text: `line ${i}`, createdAt: new Date().toISOString(), attachments: [], authorName: null, delivery: null }));
    mount(stubClient(() => ({ session: session({ messages: many }) })).client);
    const list = await screen.findByTestId('transcript');
    expect(list.querySelectorAll('li')).toHaveLength(200);
    fireEvent.click(screen.getByText('+1300'));
    await waitFor(() => expect(screen.getByTestId('transcript').querySelectorAll('li')).toHaveLength(1500));
  });

  it('offers Retry for an agent reply that did not reach the customer', async () => {
    const { client, calls } = stubClient((o) => (String(o.url).endsWith('/retry') ? { retried: 1 } : { session: session() }));
    mount(client);
    fireEvent.click(await screen.findByTestId('retry-zd-9'));
    await waitFor(() => expect(calls.some((c) => String(c.url).endsWith('/app/v1/sessions/ses_1/messages/zd-9/retry'))).toBe(true));
  });
});
