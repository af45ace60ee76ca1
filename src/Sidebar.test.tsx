import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelayApi, WINDOW_MESSAGES } from './api.js';
import { stringsFor } from './i18n.js';
import type { SessionView } from './schema.js';
import { fast, httpError, messages, noSession, mount, posted, session, stubClient } from './sidebar-fixtures.js';
import { Sidebar } from './views/Sidebar.js';

afterEach(cleanup);
// Generous bounds, still event-driven: 1,500 list items in happy-dom take seconds on a loaded 2-core machine.
configure({ asyncUtilTimeout: 15_000 });

describe('ticket sidebar', { timeout: 30_000 }, () => {
  it('shows state, why it was escalated and the transcript, signed with the JWT option', async () => {
    const { client, calls } = stubClient(() => ({ session: session() }));
    mount(client);
    expect(await screen.findByTestId('state')).toHaveProperty('textContent', 'Waiting for an agent');
    expect(screen.getByTestId('why').querySelector('.reason strong')!.textContent).toBe('Customer asked for a human');
    expect(screen.getByTestId('why').textContent).toContain('low (31%)');
    expect(messages()).toHaveLength(3);
    expect(screen.getByText(/not delivered/)).toBeTruthy();
    expect(calls[0]).toMatchObject({ url: `https://relay.test/app/v1/tickets/42/session?window=${WINDOW_MESSAGES}`, secure: true, jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', claims: { tenant: 'ten_1' } } });
  });

  it('returns the session to the AI with the note and the agent\'s name, after the agent confirms', async () => {
    const { client, calls } = stubClient((o) => (String(o.url).includes('/return-to-ai') ? { session: session({ state: 'returned' }) } : { session: session({ state: 'human' }) }));
    mount(client, 'en', 'Sam Agent');
    fireEvent.input(await screen.findByPlaceholderText('Note for the AI (optional)'), { target: { value: 'refund done' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    // Nothing is sent until the agent confirms; the focus is on the confirmation.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('confirm-return')));
    expect(posted(calls, 'return-to-ai')).toEqual([]);
    fireEvent.click(screen.getByTestId('confirm-return'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('Returned to AI'));
    expect(posted(calls, 'return-to-ai')).toEqual([{ note: 'refund done', agentName: 'Sam Agent', idempotencyKey: expect.any(String) }]);
    expect(screen.queryByTestId('return-to-ai')).toBeNull();
    // The control is gone: the focus lands on the result, the session's new state.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('state')));
  });

  it('says what Return to AI will do to the ticket, for each of the tenant\'s settings', async () => {
    const expected = {
      solved: 'The ticket will be set to Solved, with a private note and the tag baton_returned.',
      pending: 'The ticket will be set to Pending, with a private note and the tag baton_returned.',
      unchanged: 'The ticket\'s status stays as it is; a private note and the tag baton_returned are added.',
    } as const;
    for (const status of ['solved', 'pending', 'unchanged'] as const) {
      mount(stubClient(() => ({ session: session({ state: 'human', returnToAiTicketStatus: status }) })).client);
      fireEvent.click(await screen.findByTestId('return-to-ai'));
      expect(screen.getByTestId('return-effect').textContent).toBe(expected[status]);
      // The effect is the confirm button's description, so a screen reader says it with the button.
      expect(screen.getByTestId('confirm-return').getAttribute('aria-describedby')).toBe(screen.getByTestId('return-effect').id);
      cleanup();
    }
    mount(stubClient(() => ({ session: session({ state: 'human', returnToAiTicketStatus: 'pending' }) })).client, 'de');
    fireEvent.click(await screen.findByTestId('return-to-ai'));
    expect(screen.getByTestId('return-effect').textContent).toMatch(/auf Wartend gesetzt/);
  });

  it('cancels the confirmation without sending anything and gives the focus back to Return to AI', async () => {
    const { client, calls } = stubClient(() => ({ session: session({ state: 'human' }) }));
    mount(client);
    fireEvent.click(await screen.findByTestId('return-to-ai'));
    fireEvent.click(screen.getByTestId('cancel-return'));
    expect(screen.queryByTestId('return-confirm')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('return-to-ai')));
    expect(posted(calls, 'return-to-ai')).toEqual([]);
  });

  it('keeps the note and the view when Return to AI fails, says so beside the control, and succeeds on a second try', async () => {
    let fail = true;
    const { client, calls } = stubClient((o) => {
      if (!String(o.url).includes('/return-to-ai')) return { session: session({ state: 'human' }) };
      return fail ? httpError(503) : { session: session({ state: 'returned' }) };
    });
    mount(client);
    const note = await screen.findByPlaceholderText('Note for the AI (optional)');
    fireEvent.input(note, { target: { value: 'refund done' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    fireEvent.click(screen.getByTestId('confirm-return'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('The conversation could not be returned to the AI. Your note is kept; try again.');
    expect((screen.getByPlaceholderText('Note for the AI (optional)') as HTMLTextAreaElement).value).toBe('refund done');
    expect(screen.getByTestId('state').textContent).toBe('With a human');
    expect(messages()).toHaveLength(3);
    expect(screen.queryByTestId('banner')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('confirm-return')));
    fail = false;
    fireEvent.click(screen.getByTestId('confirm-return'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('Returned to AI'));
    const [first, retry] = posted(calls, 'return-to-ai');
    // The retry is the same action to the relay (its key), which may have returned the session on the first try.
    expect(retry).toEqual({ note: 'refund done', idempotencyKey: first.idempotencyKey });
    expect(first.idempotencyKey).toMatch(/^[\w-]{8,100}$/);
  });

  it('lets an agent take over a waiting session before replying', async () => {
    const { client, calls } = stubClient((o) => (String(o.url).includes('/take-over') ? { session: session({ state: 'human' }) } : { session: session({ state: 'waiting' }) }));
    mount(client, 'en', 'Sam Agent');
    fireEvent.click(await screen.findByTestId('take-over'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('With a human'));
    expect(calls.filter((c) => String(c.url) === `https://relay.test/app/v1/sessions/ses_1/take-over?window=${WINDOW_MESSAGES}`).map((c) => [c.type, JSON.parse(String(c.data))])).toEqual([['POST', { agentName: 'Sam Agent' }]]);
    expect(screen.queryByTestId('take-over')).toBeNull();
    expect(screen.getByTestId('return-to-ai')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('state')));
  });

  it('keeps an action\'s answer when a read sent before it comes back after it', async () => {
    // Reads after the first are held until the test lets them answer: the poll on its way while the agent takes over.
    const held: Array<() => void> = [];
    const { client, calls } = stubClient((o) => {
      if (String(o.url).includes('/take-over')) return { session: session({ state: 'human', version: 3 }) };
      const reads = calls.filter((c) => String(c.url).includes('/tickets/')).length;
      return reads === 1 ? { session: session() } : new Promise((resolve) => held.push(() => resolve({ session: session() })));
    });
    mount(client, 'en', undefined, fast);
    await screen.findByTestId('take-over');
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.click(screen.getByTestId('take-over'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('With a human'));
    // The older read answers now (state waiting, version 2), and the poll goes on after it.
    held.shift()!();
    await waitFor(() => expect(held).toHaveLength(1));
    expect(screen.getByTestId('state').textContent).toBe('With a human');
    expect(screen.queryByTestId('take-over')).toBeNull();
  });

  it('drops a failed action\'s error once the session has moved on without it', async () => {
    let state: SessionView['state'] = 'waiting';
    const { client } = stubClient((o) => (String(o.url).includes('/take-over') ? httpError(502) : { session: session({ state, version: state === 'waiting' ? 2 : 3 }) }));
    mount(client, 'en', undefined, fast);
    fireEvent.click(await screen.findByTestId('take-over'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('The conversation could not be taken over. Try again.');
    state = 'human'; // another agent replied from Zendesk meanwhile
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('With a human'));
    expect(screen.queryByTestId('action-error')).toBeNull();
  });

  it('offers no take over once a human has the session', async () => {
    mount(stubClient(() => ({ session: session({ state: 'human' }) })).client);
    await screen.findByTestId('return-to-ai');
    expect(screen.queryByTestId('take-over')).toBeNull();
  });

  it('reloads the session when a take over comes too late (409) and says why', async () => {
    let state: SessionView['state'] = 'waiting';
    const { client } = stubClient((o) => {
      if (String(o.url).includes('/take-over')) {
        state = 'human'; // another agent's reply got there first
        return httpError(409);
      }
      return { session: session({ state }) };
    });
    mount(client);
    fireEvent.click(await screen.findByTestId('take-over'));
    expect((await screen.findByTestId('action-error')).textContent).toBe('The session changed in the meantime; the sidebar now shows its current state.');
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('With a human'));
    expect(screen.queryByTestId('banner')).toBeNull();
  });

  it('shows where each later handoff of the conversation starts, in one timeline', async () => {
    const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min)).toISOString();
    const msg = (id: string, sessionId: string, min: number) => ({ id, sessionId, role: 'user' as const, text: id, createdAt: at(min), attachments: [], authorName: null, delivery: null });
    const handoff = (sessionId: string, min: number, code: string) => ({ sessionId, createdAt: at(min), reason: { code, text: null }, state: 'returned', ticketId: '42' });
    const history = session({
      id: 's3',
      handoffs: [handoff('s1', 1, 'customer_request'), handoff('s2', 10, 'negative_sentiment'), handoff('s3', 20, 'policy')],
      messages: [msg('a', 's1', 0), msg('b', 's1', 2), msg('c', 's2', 9), msg('d', 's2', 11), msg('e', 's3', 19)],
    });
    mount(stubClient(() => ({ session: history })).client);
    const list = await screen.findByTestId('transcript');
    const items = [...list.querySelectorAll(':scope > li:not(.day)')].map((li) => (li.getAttribute('data-testid') === 'handoff-separator' ? `| ${li.getAttribute('data-session')}` : li.querySelector('.text')!.textContent));
    expect(items).toEqual(['a', 'b', '| s2', 'c', 'd', '| s3', 'e']);
    const separators = screen.getAllByTestId('handoff-separator');
    expect(separators.map((s) => s.querySelector('h3')!.textContent)).toEqual([
      `Handed off again · ${new Date(at(10)).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })} · Upset customer`,
      `Handed off again · ${new Date(at(20)).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })} · Policy`,
    ]);
    // Headings, so a screen-reader user can jump from one escalation to the next.
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(2);
  });

  it('shows no separator for a relay that does not send handoffs yet', async () => {
    const older = session() as Record<string, unknown>;
    delete older.handoffs;
    delete older.returnToAiTicketStatus;
    mount(stubClient(() => ({ session: { ...older, state: 'human' } })).client);
    await screen.findByTestId('transcript');
    expect(messages()).toHaveLength(3);
    expect(screen.queryByTestId('handoff-separator')).toBeNull();
    // Without the tenant's setting the confirmation asks, but promises no effect on the ticket.
    fireEvent.click(screen.getByTestId('return-to-ai'));
    expect(screen.getByTestId('return-confirm').textContent).toContain('Return the conversation to the AI?');
    expect(screen.queryByTestId('return-effect')).toBeNull();
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

  it('shows the empty state and tells each failure apart, translated, while it retries', async () => {
    mount(stubClient(() => noSession()).client);
    expect((await screen.findByTestId('empty')).textContent).toBe('No AI handoff on this ticket.');
    cleanup();
    mount(stubClient(() => httpError(401)).client, 'de', undefined, fast);
    expect((await screen.findByTestId('banner')).textContent).toMatch(/Schlüssel oder Mandanten-ID.*Neuer Versuch…$/);
    cleanup();
    mount(stubClient(() => httpError(0)).client, 'ja', undefined, fast);
    expect((await screen.findByTestId('banner')).textContent).toMatch(/^\d\d:\d\d から Baton に接続できません — 再試行中$/);
    cleanup();
    mount(stubClient(() => httpError(403)).client, 'pt-BR', undefined, fast);
    expect((await screen.findByTestId('banner')).textContent).toMatch(/não está conectada/);
    cleanup();
    // Another server's 404 (no Baton error code) means the relay URL setting is wrong, not "no handoff".
    mount(stubClient(() => Object.assign(httpError(404), { responseText: '<html>Not Found</html>' })).client, 'en', undefined, fast);
    expect((await screen.findByTestId('banner')).getAttribute('data-problem')).toBe('misconfigured');
    expect(screen.getByTestId('banner').textContent).toMatch(/^The relay URL in the app settings does not lead to a Baton relay/);
    cleanup();
    const { client, calls } = stubClient(() => ({ session: session() }));
    render(<Sidebar api={createRelayApi(client, { relayUrl: 'relay.test', tenantId: 'ten_1' })} ticketId="42" t={stringsFor('en')} {...fast} />);
    expect((await screen.findByTestId('banner')).getAttribute('data-problem')).toBe('misconfigured');
    expect(calls).toEqual([]);
  });

  it("says the relay URL is wrong when a 404 carries no body at all, instead of hiding as if there were no handoff", async () => {
    // A server that is not Baton (a bare web server, a load balancer) often answers 404 with an empty body.
    mount(stubClient(() => Object.assign(httpError(404), { responseText: '' })).client, 'en', undefined, fast);
    expect((await screen.findByTestId('banner')).getAttribute('data-problem')).toBe('misconfigured');
    cleanup();
    mount(stubClient(() => httpError(404)).client, 'en', undefined, fast);
    expect((await screen.findByTestId('banner')).getAttribute('data-problem')).toBe('misconfigured');
    expect(screen.queryByTestId('empty')).toBeNull();
  });

  it('says the relay is rate limiting this account on a 429, in the agent\'s language, instead of "unexpected answer"', async () => {
    const limited = () => Object.assign(httpError(429), { responseText: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests' } }) });
    mount(stubClient(limited).client, 'en', undefined, fast);
    const banner = await screen.findByTestId('banner');
    expect(banner.getAttribute('data-problem')).toBe('rate_limited');
    expect(banner.textContent).toBe('The relay is getting too many requests from this account right now. Retrying…');
    cleanup();
    mount(stubClient(limited).client, 'fr', undefined, fast);
    expect((await screen.findByTestId('banner')).textContent).toBe('Le relais reçoit trop de requêtes de ce compte en ce moment. Nouvelle tentative…');
  });

  it('renders a long transcript in part, with the rest one click away', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ id: `m${i}`, role: 'user' as const, text: `line ${i}`, createdAt: new Date().toISOString(), attachments: [], authorName: null, delivery: null }));
    mount(stubClient(() => ({ session: session({ messages: many }) })).client);
    const list = await screen.findByTestId('transcript');
    // The first screen first, then the rest of the first page.
    await waitFor(() => expect(list.querySelectorAll('li.msg')).toHaveLength(100));
    expect(list.querySelector('li.msg:last-child .text')!.textContent).toBe('line 1499');
    // A labelled button, one page at a time: 5,000 messages never render at once.
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 earlier messages' }));
    await waitFor(() => expect(messages()).toHaveLength(200));
    expect(messages()[0]!.querySelector('.text')!.textContent).toBe('line 1300');
  });

  it('opens a long conversation from the relay\'s newest window and fetches earlier pages as the agent asks', async () => {
    const all = Array.from({ length: 330 }, (_, i) => ({ id: `m${i}`, role: 'user' as const, text: `line ${i}`, createdAt: new Date(Date.now() - (330 - i) * 1000).toISOString(), attachments: [], authorName: null, delivery: null }));
    const { client, calls } = stubClient((o) => {
      const url = new URL(String(o.url));
      if (url.pathname.endsWith('/messages')) {
        // The relay's page: `limit` messages before the cursor.
        const end = all.findIndex((m) => m.id === url.searchParams.get('before'));
        const page = all.slice(Math.max(0, end - Number(url.searchParams.get('limit'))), end);
        return { messages: page, earlierCursor: end > page.length ? page[0]!.id : null };
      }
      const window = Number(url.searchParams.get('window'));
      return { session: session({ messages: all.slice(-window), messageCount: all.length }) };
    });
    mount(client);
    await screen.findByTestId('transcript');
    const w = WINDOW_MESSAGES;
    await waitFor(() => expect(messages()).toHaveLength(w));
    expect(messages()[w - 1]!.querySelector('.text')!.textContent).toBe('line 329');
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 earlier messages' }));
    await waitFor(() => expect(messages()).toHaveLength(w + 100));
    expect(messages()[0]!.querySelector('.text')!.textContent).toBe(`line ${330 - w - 100}`);
    expect(calls.map((c) => String(c.url)).filter((u) => u.includes('/messages?'))).toEqual([`https://relay.test/app/v1/sessions/ses_1/messages?before=m${330 - w}&limit=100`]);
    // Each page says how many it brings (the last one what is left); then the button is gone.
    for (let shown = w + 100; shown < 330;) {
      const next = Math.min(100, 330 - shown);
      fireEvent.click(screen.getByRole('button', { name: `Show ${next} earlier messages` }));
      shown += next;
      await waitFor(() => expect(messages()).toHaveLength(shown));
    }
    expect(messages()[0]!.querySelector('.text')!.textContent).toBe('line 0');
    expect(screen.queryByTestId('show-earlier')).toBeNull();
  });

  it('names the customer\'s earlier handoffs and opens their tickets in Zendesk', async () => {
    const opened: string[] = [];
    const earlier = session({
      handoffs: [{ sessionId: 's0', createdAt: new Date().toISOString(), reason: { code: 'policy', text: null }, state: 'ended', ticketId: '42' }, { sessionId: 'ses_1', createdAt: new Date().toISOString(), reason: { code: 'customer_request', text: null }, state: 'waiting', ticketId: '42' }],
      customerHandoffs: { count: 3, recent: [{ sessionId: 'a', createdAt: new Date().toISOString(), ticketId: '17' }, { sessionId: 'b', createdAt: new Date().toISOString(), ticketId: '9' }] },
    });
    mount(stubClient(() => ({ session: earlier })).client, 'en', undefined, { onOpenTicket: (id) => opened.push(id) });
    const why = await screen.findByTestId('why');
    const row = [...why.querySelectorAll('dl div')].find((d) => d.querySelector('dt')!.textContent === 'Earlier handoffs')!;
    // One earlier handoff of this conversation (same ticket: no link) and three of other conversations.
    expect(row.querySelector('dd')!.textContent).toBe('4 · #17 · #9');
    fireEvent.click(within(row as HTMLElement).getByRole('button', { name: '#17' }));
    expect(opened).toEqual(['17']);
  });

  it('offers Retry for an agent reply that did not reach the customer', async () => {
    const { client, calls } = stubClient((o) => (String(o.url).endsWith('/retry') ? { retried: 1 } : { session: session() }));
    mount(client);
    fireEvent.click(await screen.findByTestId('retry-zd-9'));
    await waitFor(() => expect(calls.some((c) => String(c.url).endsWith('/app/v1/sessions/ses_1/messages/zd-9/retry'))).toBe(true));
  });
});
