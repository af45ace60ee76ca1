import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../server/core/errors.js';
import { errorBody } from '../server/http/errors.js';
import { stringsFor } from './i18n.js';
import { insightsStringsFor } from './insights-i18n.js';
import type { InsightsReport } from './insights-schema.js';
import { Insights } from './views/Insights.js';

afterEach(cleanup);

const row = (key: string, handoffs: number, share: number, previous = 0, label = key) => ({ key, label, handoffs, share, previous, change: previous ? (handoffs - previous) / previous : null });
const REPORT: InsightsReport = {
  period: { from: '2026-10-25T12:00:00.000Z', to: '2026-11-24T12:00:00.000Z', bucket: 'day', agentId: null },
  summary: {
    handoffs: 40, conversations: 160, handedOffConversations: 40, handoffRate: 0.25, failed: 2, returnedToAi: 30, returnedShare: 0.75, reescalated: 4, reescalatedShare: 0.1,
    firstReply: { count: 35, medianSeconds: 420, p90Seconds: 5400 }, solve: { count: 30, medianSeconds: 2 * 86_400 + 8640, p90Seconds: null },
    waiting: { firstReplyWithinHours: { count: 25, medianSeconds: 300, p90Seconds: 900 }, firstReplyOutsideHours: { count: 10, medianSeconds: 14 * 3600, p90Seconds: null }, timeouts: { noAgent: 3, agentSilent: 5 } },
  },
  trend: [
    { start: '2026-11-22', handoffs: 3, conversations: 10, rate: 0.3 },
    { start: '2026-11-23', handoffs: 7, conversations: 20, rate: 0.35 },
    { start: '2026-11-24', handoffs: 0, conversations: 5, rate: 0 },
  ],
  breakdowns: {
    reason: [row('customer_request', 25, 0.625, 10), row('ai_unable', 15, 0.375, 20)],
    rule: [row('default-human-request', 25, 0.625, 0, 'Customer asks for a human'), row('(none)', 15, 0.375)],
    intent: [row('(none)', 20, 0.5), row('refund', 15, 0.375), row('billing', 5, 0.125)],
    language: [row('de', 28, 0.7), row('en', 10, 0.25), row('(unknown)', 2, 0.05)],
    agent: [row('agt_1', 30, 0.75, 0, 'Shop bot'), row('agt_2', 10, 0.25, 0, 'Billing bot')],
  },
  rising: [row('customer_request', 25, 0.625, 10), row('vip', 3, 0.075)],
  gaps: [{ ...row('refund', 30, 0.75), dimension: 'intent', examples: [
    { sessionId: 'ses_1', ticketId: '812', createdAt: '2026-11-23T10:00:00Z', summary: 'Refund for order 88' },
    // A re-escalation continues on its earlier ticket: one ticket, shown once.
    { sessionId: 'ses_0', ticketId: '812', createdAt: '2026-11-22T10:00:00Z', summary: 'Refund for order 88' },
    { sessionId: 'ses_2', ticketId: '1007', createdAt: '2026-11-21T10:00:00Z', summary: null },
  ] }],
};

/** A relay behind Zendesk's proxy: `report` is the answer, or the HTTP status it fails with (0: unreachable), or raw text. */
function fakeRelay(report: InsightsReport | number | { raw: string } = REPORT, options: { csvStatus?: number } = {}) {
  const paths: string[] = [];
  const fail = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status, responseText: '' });
  const call = async <T,>(path: string): Promise<T> => {
    paths.push(path);
    if (path === '/app/v1/agents') return { agents: [{ id: 'agt_1', name: 'Shop bot' }], fields: [] } as T;
    if (path.startsWith('/app/v1/insights/csv')) {
      if (options.csvStatus !== undefined) throw fail(options.csvStatus);
      return 'section,key,label,metric,value\r\n' as T;
    }
    if (typeof report === 'number') throw fail(report);
    if ('raw' in report) return report.raw as T;
    return JSON.stringify(report) as T; // Zendesk's proxy may hand back the raw JSON text
  };
  return { call, paths };
}

const renderPage = (relay: ReturnType<typeof fakeRelay>, extra: { opened?: string[]; downloads?: string[][] } = {}) =>
  render(<Insights call={relay.call} t={insightsStringsFor('en', stringsFor('en').reasons)} errors={stringsFor('en')} locale="en" now={() => new Date('2026-11-24T12:00:00Z')} timeZone="Europe/Berlin"
    openTicket={(id) => extra.opened?.push(id)} download={(name, csv) => extra.downloads?.push([name, csv])} />);

describe('insights page', () => {
  it('has every string in the six languages of the app', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k])).sort();
    const en = keys(insightsStringsFor('en', stringsFor('en').reasons));
    for (const locale of ['de', 'fr', 'es', 'pt-BR', 'ja']) {
      const t = insightsStringsFor(locale, stringsFor(locale).reasons);
      expect(keys(t), locale).toEqual(en);
      expect(t.title, locale).not.toBe(insightsStringsFor('en', stringsFor('en').reasons).title);
    }
  });

  it('shows the outcome tiles, the trend and the bars with their numbers', async () => {
    renderPage(fakeRelay());
    await screen.findByTestId('tile-handoffs');
    const tile = (id: string) => screen.getByTestId(id).querySelector('.tile-value')!.textContent;
    expect([tile('tile-handoffs'), tile('tile-rate'), tile('tile-first-reply-median'), tile('tile-first-reply-p90'), tile('tile-solve-median'), tile('tile-returned'), tile('tile-reescalated'), tile('tile-failed')])
      .toEqual(['40', '25%', '7 min', '1.5 h', '2.1 d', '75%', '10%', '2']);
    expect(screen.getByTestId('tile-rate').textContent).toContain('40 of 160 conversations');
    expect([...screen.getByTestId('trend').querySelectorAll('circle')].map((c) => c.getAttribute('data-count'))).toEqual(['3', '7', '0']);
    expect(screen.getByTestId('trend-max').textContent).toBe('7');
    const reasons = within(screen.getByTestId('bars-reason')).getAllByRole('listitem').map((li) => li.textContent);
    expect(reasons).toEqual(['Customer asked for a human25 · 62.5%', 'AI could not answer15 · 37.5%']);
    expect(screen.getByTestId('bars-rule').textContent).toContain('Customer asks for a human');
    expect(screen.getByTestId('bars-rule').textContent).toContain('Not set15');
    // "Not set" in words, after every named row, even when it is the largest.
    expect(within(screen.getByTestId('bars-intent')).getAllByRole('listitem').map((li) => li.getAttribute('data-key'))).toEqual(['refund', 'billing', '(none)']);
    expect(screen.getByTestId('bars-intent').textContent).toContain('Not set20');
    expect(screen.queryByTestId('rate-note')).toBeNull();
    expect(screen.getByTestId('bars-language').textContent).toContain('German');
    expect(screen.getByTestId('bars-language').textContent).toContain('Unknown2 · 5%');
    const rising = within(screen.getByTestId('rising')).getAllByRole('listitem').map((li) => li.textContent);
    expect(rising).toEqual(['Customer asked for a human: 10 before → 25 (+150%)', 'VIP customer: 0 before → 3 (new)']);
    expect(screen.getByTestId('bars-agent').textContent).toContain('Shop bot30');
    expect(screen.getByTestId('trend-rate').getAttribute('points')!.split(' ')).toHaveLength(3);
    expect(screen.getAllByTestId('trend-date').map((d) => d.textContent)).toEqual(['Nov 22', 'Nov 23', 'Nov 24']);
  });

  it('writes counts of a thousand and more as the tiles do, in the bars, the rising reasons and the trend', async () => {
    const big = { ...REPORT, trend: [{ start: '2026-11-23', handoffs: 12_500, conversations: 40_000, rate: 0.31 }],
      breakdowns: { ...REPORT.breakdowns, reason: [row('customer_request', 12_500, 1)] }, rising: [row('customer_request', 12_500, 1, 1_000)] };
    renderPage(fakeRelay(big));
    await screen.findByTestId('tile-handoffs');
    expect(within(screen.getByTestId('bars-reason')).getByTestId('count').textContent).toBe('12,500');
    expect(screen.getByTestId('rising').textContent).toBe('Customer asked for a human: 1,000 before → 12,500 (+1,150%)');
    expect(screen.getByTestId('trend-max').textContent).toBe('12,500');
  });

  it('shows the wait before a first reply within and outside business hours, and the timeouts by kind', async () => {
    renderPage(fakeRelay());
    const section = await screen.findByTestId('waiting');
    expect(within(section).getByRole('heading').textContent).toBe('While customers waited');
    const tile = (id: string) => [screen.getByTestId(id).querySelector('.tile-value')!.textContent, screen.getByTestId(id).querySelector('.tile-detail')?.textContent ?? null];
    expect([tile('tile-first-reply-within'), tile('tile-first-reply-outside'), tile('tile-no-agent-timeouts'), tile('tile-agent-silent')])
      .toEqual([['5 min', '25 handoffs'], ['14 h', '10 handoffs'], ['3', null], ['5', null]]);
    cleanup();
    // A relay from before waiting times sends no figures: no section, the rest as before.
    renderPage(fakeRelay({ ...REPORT, summary: { ...REPORT.summary, waiting: undefined } }));
    await screen.findByTestId('tile-handoffs');
    expect(screen.queryByTestId('waiting')).toBeNull();
  });

  it('labels a month of days with at least five readable dates, and explains a day above 100 %', async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ start: new Date(Date.UTC(2026, 9, 26 + i)).toISOString().slice(0, 10), handoffs: i % 5, conversations: 4, rate: i === 12 ? 1.25 : (i % 5) / 4 }));
    renderPage(fakeRelay({ ...REPORT, trend: days }));
    await screen.findByTestId('tile-handoffs');
    const dates = screen.getAllByTestId('trend-date').map((d) => d.textContent);
    expect(dates.length).toBeGreaterThanOrEqual(5);
    expect(dates[0]).toBe('Oct 26');
    expect(dates.at(-1)).toBe('Nov 24');
    expect(screen.getByTestId('trend').getAttribute('viewBox')).toBe('0 0 600 160');
    expect(screen.getByTestId('rate-note').textContent).toMatch(/^Above 100 %: conversations that began on an earlier day/);
  });

  it('lists each example ticket of a knowledge gap once, as separate links', async () => {
    renderPage(fakeRelay());
    await screen.findByTestId('gaps');
    const links = within(screen.getByTestId('gaps')).getAllByRole('button').map((b) => b.textContent);
    expect(links).toEqual(['#812', '#1007']);
    expect(within(screen.getByTestId('gaps')).getByText('#812').closest('li')!.textContent).toBe('#812');
  });

  it('refetches for another period, AI agent or bucket', async () => {
    const relay = fakeRelay();
    renderPage(relay);
    await screen.findByTestId('tile-handoffs');
    fireEvent.change(screen.getByTestId('period'), { target: { value: '7' } });
    await waitFor(() => expect(relay.paths.at(-1)).toContain('from=2026-11-17T12%3A00%3A00.000Z'));
    await waitFor(() => expect(screen.getByLabelText('AI agent').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('AI agent'), { target: { value: 'agt_1' } });
    await waitFor(() => expect(relay.paths.at(-1)).toContain('agentId=agt_1'));
    await screen.findByTestId('tile-handoffs');
    expect(screen.queryByTestId('bars-agent')).toBeNull(); // one AI agent chosen: no per-agent bars
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'week' } });
    await waitFor(() => expect(relay.paths.at(-1)).toMatch(/^\/app\/v1\/insights\?.*bucket=week.*agentId=agt_1/));
    fireEvent.change(screen.getByTestId('period'), { target: { value: '0' } });
    fireEvent.change(await screen.findByTestId('from'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByTestId('to'), { target: { value: '2026-10-31' } });
    await waitFor(() => expect(relay.paths.at(-1)).toContain('from=2026-10-01&to=2026-10-31&bucket=week&tz=Europe%2FBerlin'));
  });

  it('opens an example ticket of a knowledge gap and exports the CSV', async () => {
    const opened: string[] = [];
    const downloads: string[][] = [];
    const relay = fakeRelay();
    renderPage(relay, { opened, downloads });
    fireEvent.click(await screen.findByText('#812'));
    expect(opened).toEqual(['812']);
    fireEvent.click(screen.getByTestId('export'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toEqual(['baton-insights-2026-10-25-2026-11-24.csv', 'section,key,label,metric,value\r\n']);
    expect(relay.paths.some((p) => p.startsWith('/app/v1/insights/csv?from='))).toBe(true);
  });

  it('says so when there were no handoffs, and when the relay is unreachable', async () => {
    renderPage(fakeRelay({ ...REPORT, summary: { ...REPORT.summary, handoffs: 0 } }));
    expect((await screen.findByTestId('empty')).textContent).toBe('No handoffs in this period.');
    cleanup();
    renderPage(fakeRelay(0));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
  });

  it('reads the report again on Retry once the relay is back, instead of keeping the outage on screen', async () => {
    let down = true;
    const up = fakeRelay();
    const relay = { paths: up.paths, call: <T,>(path: string) => (down && path.startsWith('/app/v1/insights') ? fakeRelay(0).call<T>(path) : up.call<T>(path)) };
    renderPage(relay);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    down = false;
    const retry = screen.getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    expect((await screen.findByTestId('tile-handoffs')).textContent).toContain('40');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('words a rate limit, the relay\'s own error and no answer as the Connection tab does, in the admin\'s language, the code kept for support', async () => {
    /** The page in `locale` whose report fails as Zendesk's proxy rejects: the status and the relay's body, if any. */
    const problemIn = async (locale: string, failure: { status: number; responseText?: string }) => {
      const call = async <T,>(path: string): Promise<T> => {
        if (path === '/app/v1/agents') return { agents: [] } as T;
        throw Object.assign(new Error(`HTTP ${failure.status}`), failure);
      };
      render(<Insights call={call} t={insightsStringsFor(locale, stringsFor(locale).reasons)} errors={stringsFor(locale)} locale={locale} openTicket={() => undefined} download={() => undefined} />);
      const text = (await screen.findByRole('alert')).textContent;
      cleanup();
      return text;
    };
    const refusal = (code: ErrorCode) => ({ status: ERROR_CATALOGUE[code].status, responseText: JSON.stringify(errorBody(code)) });
    expect(await problemIn('en', refusal('rate_limited'))).toBe(
      "Baton's relay is getting too many requests from this account right now. Wait a minute, then try again. (Code for support: rate_limited)");
    expect(await problemIn('en', refusal('internal_error'))).toBe(
      "Baton's relay ran into an error of its own and could not answer. Try again in a moment; if it keeps happening, tell whoever runs your relay. (Code for support: internal_error)");
    expect(await problemIn('en', refusal('invalid_app_token'))).toMatch(/^Baton's relay did not accept this app's settings\..*\(Code for support: invalid_app_token\)$/);
    expect(await problemIn('de', refusal('rate_limited'))).toBe(
      'Das Baton-Relay erhält gerade zu viele Anfragen von diesem Konto. Warten Sie eine Minute und versuchen Sie es dann erneut. (Code für den Support: rate_limited)');
    expect(await problemIn('de', refusal('database_unavailable'))).toBe(
      'Im Baton-Relay ist ein Fehler aufgetreten; es konnte nicht antworten. Versuchen Sie es gleich noch einmal; bleibt es dabei, wenden Sie sich an den Betreiber Ihres Relays. (Code für den Support: database_unavailable)');
    // Without Baton's body a 502 is whatever stands in front of a relay that is down.
    expect(await problemIn('de', { status: 502, responseText: '<html>Bad Gateway</html>' })).toBe(stringsFor('de').unreachable);
  });

  it('names the problem: a wrong secret, an answer it cannot read, a failed export', async () => {
    renderPage(fakeRelay(401));
    expect((await screen.findByRole('alert')).textContent).toContain('shared secret');
    cleanup();
    renderPage(fakeRelay({ raw: '<html>proxy error</html>' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The relay sent an unexpected answer.');
    cleanup();
    renderPage(fakeRelay({ raw: JSON.stringify({ ...REPORT, summary: { handoffs: '40' } }) }));
    expect((await screen.findByRole('alert')).textContent).toBe('The relay sent an unexpected answer.');
    cleanup();
    const downloads: string[][] = [];
    renderPage(fakeRelay(REPORT, { csvStatus: 503 }), { downloads });
    fireEvent.click(await screen.findByTestId('export'));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    expect(downloads).toEqual([]);
    expect(screen.getByTestId('tile-handoffs')).toBeTruthy(); // the report stays on screen
  });
});
