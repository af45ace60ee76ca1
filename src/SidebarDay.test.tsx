import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stringsFor } from './i18n.js';
import type { SessionView } from './schema.js';
import { fast, httpError, messages, noSession, mount, session, stubClient } from './sidebar-fixtures.js';

afterEach(cleanup);
configure({ asyncUtilTimeout: 15_000 });

const message = (id: string, text: string, over: Partial<SessionView['messages'][number]> = {}) => ({ id, role: 'user' as const, text, createdAt: new Date().toISOString(), attachments: [], authorName: null, delivery: null, ...over });

describe('the sidebar through an agent\'s day', { timeout: 30_000 }, () => {
  it('keeps the last data on screen while the relay is down, says since when, and recovers by itself', async () => {
    let down = false;
    let current = session();
    const { client } = stubClient(() => (down ? httpError(0) : { session: current }));
    mount(client, 'en', undefined, fast);
    await screen.findByTestId('state');
    down = true;
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toMatch(/^Can't reach Baton since \d{1,2}:\d\d( [AP]M)? — retrying$/);
    // Nothing blank: the state, the reason and every message stay.
    expect(screen.getByTestId('state').textContent).toBe('Waiting for an agent');
    expect(messages()).toHaveLength(3);
    current = session({ messages: [...session().messages, message('m9', 'Are you there?')] });
    down = false;
    await waitFor(() => expect(screen.queryByTestId('banner')).toBeNull());
    expect(messages()).toHaveLength(4);
  });

  it('tells a wrong shared secret apart from an outage, and never blanks the view for it', async () => {
    let status = 0;
    const { client } = stubClient(() => (status ? httpError(status) : { session: session() }));
    mount(client, 'en', undefined, fast);
    await screen.findByTestId('state');
    status = 401;
    await waitFor(() => expect(screen.getByTestId('banner').getAttribute('data-problem')).toBe('secret'));
    expect(screen.getByTestId('banner').textContent).toBe('The relay refused the app: the shared secret or tenant id in the app settings is wrong. Retrying…');
    expect(messages()).toHaveLength(3);
  });

  it('hides the app on a ticket without a handoff and shows it again when one lands', async () => {
    const seen: boolean[] = [];
    let handedOff = false;
    const { client } = stubClient(() => (handedOff ? { session: session() } : noSession()));
    mount(client, 'en', undefined, { ...fast, onVisible: (v) => seen.push(v) });
    await waitFor(() => expect(seen).toEqual([false]));
    handedOff = true;
    await waitFor(() => expect(seen).toEqual([false, true]));
    expect(await screen.findByTestId('state')).toBeTruthy();
  });

  it('announces a new customer message and a state change in a polite live region', async () => {
    let current = session();
    mount(stubClient(() => ({ session: current })).client, 'en', undefined, fast);
    await screen.findByTestId('state');
    const region = document.querySelector('[aria-live=polite]')!;
    expect(region.textContent).toBe('');
    current = session({ messages: [...session().messages, message('m9', 'Hello? Anyone?')] });
    await waitFor(() => expect(region.textContent).toBe('New message from the customer: Hello? Anyone?'));
    current = session({ state: 'human', messages: current.messages });
    await waitFor(() => expect(region.textContent).toBe('Session: With a human'));
  });

  it('reads a right-to-left reason, summary and attachment names in their own direction', async () => {
    const reason = 'العميل يطلب موظفًا بشريًا؟';
    const summary = 'הלקוח מחכה להזמנה 88213.';
    mount(stubClient(() => ({
      session: session({
        reason: { code: 'customer_request', text: reason },
        summary,
        messages: [message('files', 'الفاتورة مرفقة', { attachments: [{ url: 'https://files.test/i.pdf', name: 'فاتورة.pdf' }, { url: 'ftp://files.test/x', name: 'קובץ.txt' }] })],
      }),
    })).client);
    const why = await screen.findByTestId('why');
    // dir="auto" takes the direction of the first strong letter inside: the element must hold the platform's words
    // only, not a label in the agent's language before them ("Summary:" would make an Arabic summary left to right).
    const ownDirection = (root: Element, selector: string) => [...root.querySelectorAll(`${selector}[dir=auto]`)].map((el) => el.textContent);
    expect(ownDirection(why, '.reason *')).toEqual([reason]);
    expect(ownDirection(why, '.summary *')).toEqual([summary]);
    // A link or a plain name (not http(s)): either way in its own direction, the size beside it left as it is.
    expect(ownDirection(messages()[0]!, '.attachments li > *')).toEqual(['فاتورة.pdf', 'קובץ.txt']);
  });

  it('reads messages the way they were written: direction, links, long text, attachments, times', async () => {
    const long = `${'word '.repeat(200)}THE END`;
    const at = new Date(Date.now() - 3 * 60_000).toISOString();
    mount(stubClient(() => ({
      session: session({
        messages: [
          message('ar', 'مرحبا، طلبي لم يصل https://shop.test/orders/88213.', { createdAt: at }),
          message('js', 'click javascript:alert(1) or data:text/html,x'),
          message('long', long),
          message('files', 'two files', { attachments: [{ url: 'https://files.test/a.pdf', name: 'a.pdf', size: 48_213 }, { url: 'https://files.test/b.png', name: 'b.png' }] }),
        ],
      }),
    })).client);
    await screen.findByTestId('transcript');
    const [arabic, js, longOne, files] = [...messages()] as HTMLElement[];
    expect(arabic!.querySelector('.text')!.getAttribute('dir')).toBe('auto');
    const link = arabic!.querySelector('a')!;
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['https://shop.test/orders/88213', '_blank', 'noopener noreferrer']);
    expect(js!.querySelectorAll('a')).toHaveLength(0);
    // Relative time, the full date on hover.
    const time = arabic!.querySelector('time')!;
    // How long ago today; a message from before midnight shows its time of day under its day's separator.
    const sameDay = new Date(at).toDateString() === new Date().toDateString();
    expect(time.textContent).toBe(sameDay ? '3 minutes ago' : new Date(at).toLocaleTimeString('en', { timeStyle: 'short' }));
    expect(time.getAttribute('title')).toBe(new Date(at).toLocaleString('en', { dateStyle: 'full', timeStyle: 'short' }));
    // Long messages collapse after about 600 characters.
    expect(longOne!.querySelector('.text')!.textContent!.length).toBeLessThan(610);
    expect(longOne!.textContent).not.toContain('THE END');
    const more = within(longOne!).getByRole('button', { name: 'Show more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(longOne!.querySelector('.text')!.textContent).toBe(long);
    expect(within(longOne!).getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    // Attachments as a list, one item each, with the size when the platform said.
    expect([...files!.querySelectorAll('.attachments li')].map((li) => li.textContent)).toEqual(['a.pdf · 47.1 kB', 'b.png']);
    // Day separators: all of today under one "Today" (just after midnight, the first message is yesterday's).
    expect([...screen.getByTestId('transcript').querySelectorAll('li.day')].map((li) => li.textContent)).toEqual(sameDay ? ['Today'] : ['Yesterday', 'Today']);
  });

  it('copies the transcript as plain text with authors and times', async () => {
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
    mount(stubClient(() => ({ session: session() })).client);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy transcript' }));
    await screen.findByRole('button', { name: 'Copied' });
    const lines = copied.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[.+\] Jane: My order never arrived$/);
    expect(lines[1]).toMatch(/^\[.+\] AI: Let me check$/);
  });

  it('does not copy a partial transcript as if it were whole when the earlier messages cannot be read', async () => {
    let copied: string | undefined;
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
    // 250 messages in the conversation, the newest 3 sent with the session; the relay fails the earlier ones.
    mount(stubClient((o) => (String(o.url).includes('/messages?before=') ? httpError(0) : { session: session({ messageCount: 250 }) })).client);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy transcript' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not copied: the earlier messages could not be read. Try again.');
    expect(copied).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Copied' })).toBeNull();
  });

  it('says why it was escalated in words a person reads in five seconds', async () => {
    mount(stubClient(() => ({
      session: session({
        signals: { confidence: 0.31, sentiment: -0.72, intent: 'order_status' },
        endUser: { name: 'Jane', locale: 'pt-BR' },
        tags: ['vip', 'returns'],
        metadata: { page: 'https://shop.test/checkout', plan: 'Pro', evil: 'javascript:alert(1)', order: { id: 88213 } },
      }),
    })).client, 'de');
    const why = await screen.findByTestId('why');
    const facts = Object.fromEntries([...why.querySelectorAll('dl div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(facts).toMatchObject({
      Regel: 'Customer asks for a human', 'KI-Sicherheit': 'niedrig (31\u00a0%)', Stimmung: 'verärgert', Anliegen: 'order_status',
      'Sprache des Kunden': 'Portugiesisch (Brasilien)', 'Priorität': 'Hoch', Tags: 'vipreturns',
      page: 'https://shop.test/checkout', plan: 'Pro', evil: 'javascript:alert(1)', order: '{"id":88213}',
    });
    expect(why.querySelector('.reason')!.textContent).toBe('Kunde wollte einen Menschen — Asked for a human');
    expect([...why.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://shop.test/checkout']);
  });

  it('says on the timeline why the session changed, in words in the agent\'s language, even for a cause it does not know yet', async () => {
    const at = new Date().toISOString();
    mount(stubClient(() => ({
      session: session({
        state: 'returned',
        transitions: [
          { from: null, to: 'pending', at, version: 1, cause: 'handoff' },
          { from: 'pending', to: 'waiting', at, version: 2, cause: 'ticket_created' },
          { from: 'waiting', to: 'human', at, version: 3, cause: 'agent_reply' },
          { from: 'human', to: 'returned', at, version: 4, cause: 'ticket_closed' },
          { from: 'returned', to: 'human', at, version: 5, cause: 'reopened_by_customer_v2' },
          { from: 'human', to: 'returned', at, version: 6, cause: 'constructor' },
        ],
      }),
    })).client, 'de');
    const items = (await screen.findByTestId('state')).closest('header')!.querySelectorAll('.timeline li');
    expect([...items].map((li) => li.getAttribute('title'))).toEqual([
      'Die KI hat das Gespräch übergeben', 'Ticket erstellt', 'Ein Agent hat geantwortet', 'Ticket geschlossen', 'Reopened by customer v2', 'Constructor',
    ]);
  });

  it('gives the timeline\'s reasons to screen readers and keyboards, not only to a mouse hovering: each entry\'s text, and a Show why toggle', async () => {
    const de = stringsFor('de');
    const shown = session();
    mount(stubClient(() => ({ session: shown })).client, 'de');
    const header = () => screen.getByTestId('state').closest('header')!;
    const items = () => [...header().querySelectorAll('.timeline li')];
    const time = (i: number) => new Date(shown.transitions[i]!.at).toLocaleTimeString('de', { timeStyle: 'short' });
    await screen.findByTestId('state');
    // Read out with the entry (visually hidden until shown): a title is not reliably announced, and never on focus.
    expect(items().map((li) => li.textContent)).toEqual([`${de.pending} · ${time(0)} — ${de.causes.handoff}`, `${de.waiting} · ${time(1)} — ${de.causes.ticket_created}`]);
    expect(items()[0]!.querySelector('.sr-only')).toBeTruthy();
    const toggle = screen.getByRole('button', { name: de.showWhy });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBe(header().querySelector('.timeline'));
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe(de.hideWhy);
    expect(items()[1]!.querySelector('.sr-only')).toBeNull();
    expect(items()[1]!.querySelector('.timeline-reason')!.textContent).toBe(` — ${de.causes.ticket_created}`);
  });
});
