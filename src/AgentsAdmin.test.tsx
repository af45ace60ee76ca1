import { cleanup, fireEvent, render, screen, waitFor as waitForDefault } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAgentsStrings } from './agents-i18n.js';
import { stringsFor } from './i18n.js';
import { AgentsAdmin } from './views/AgentsAdmin.js';

afterEach(cleanup);

/** Generous bounds: the machine running the suite may be busy with other suites. */
const waitFor = <T,>(probe: () => T) => waitForDefault(probe, { timeout: 10_000 });

const refusal = (status: number, error: object) => Object.assign(new Error(String(status)), { status, responseText: JSON.stringify({ error }) });
const agent = (id: string, name: string) => ({ id, name, callbackUrl: 'https://ai.example/baton', handoffEnabled: true, createdAt: '2026-11-30T10:00:00Z', openSessions: 2, keys: [{ id: '0123456789abcdef', prefix: 'bk_0123456789abcdef_', label: null, createdAt: '2026-11-30T10:00:00Z', revokedAt: null }] });

/** The relay behind `call` as the page sees it: refuses until signed in, then answers like server/app-api/agents-routes.ts. */
function fakeRelay() {
  let admin = false;
  const agents = [agent('agt_1', 'Shop bot')];
  const call = async <T,>(path: string, _type: 'GET' | 'POST', body?: unknown): Promise<T> => {
    if (!admin) throw refusal(403, { code: 'admin_required', message: 'admin' });
    if (path === '/app/v1/ai-agents' && body === undefined) return { agents } as T;
    if (path === '/app/v1/ai-agents') {
      const b = body as { name: string; callbackUrl: string };
      if (b.callbackUrl.includes('internal')) throw refusal(422, { code: 'validation_failed', details: { issues: [{ path: 'callbackUrl' }] } });
      return { agent: agent('agt_2', b.name), apiKey: 'bk_fedcba9876543210_secretpart', webhookSecret: 'whsec_abc' } as T;
    }
    if (path.endsWith('/delete')) return { deleted: true, openSessions: 2 } as T;
    throw new Error(`unexpected ${path}`);
  };
  return { call, signIn: async () => void (admin = true) };
}

describe('AI agents page', () => {
  it('asks an admin to sign in, then lists, creates with secrets shown once, and deletes after saying what happens to open handoffs', async () => {
    const relay = fakeRelay();
    const t = await loadAgentsStrings('en');
    render(<AgentsAdmin call={relay.call} t={t} errors={stringsFor('en')} locale="en" signInAsAdmin={relay.signIn} />);
    await waitFor(() => expect(screen.getByTestId('agents-error').textContent).toBe(t.adminRequired));
    fireEvent.click(screen.getByTestId('agents-sign-in'));
    await waitFor(() => expect(screen.getAllByTestId('agent-card')).toHaveLength(1));
    expect(screen.queryByTestId('agents-error')).toBeNull();

    fireEvent.submit(screen.getByTestId('create-agent'));
    expect(screen.getByText(t.nameRequired)).toBeTruthy();
    fireEvent.input(screen.getByLabelText(t.name), { target: { value: 'Returns bot' } });
    fireEvent.input(screen.getByLabelText(t.callbackUrl), { target: { value: 'https://internal.example' } });
    fireEvent.submit(screen.getByTestId('create-agent'));
    await waitFor(() => expect(screen.getByText(t.urlInvalid)).toBeTruthy());
    expect(screen.getByLabelText(t.callbackUrl).getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(screen.getByLabelText(t.callbackUrl), { target: { value: 'https://ai.example/returns' } });
    fireEvent.submit(screen.getByTestId('create-agent'));
    await waitFor(() => expect((screen.getByTestId('once-api-key') as HTMLInputElement).value).toBe('bk_fedcba9876543210_secretpart'));
    expect((screen.getByTestId('once-signing-secret') as HTMLInputElement).value).toBe('whsec_abc');
    fireEvent.click(screen.getByTestId('once-done'));
    expect(document.body.innerHTML).not.toContain('secretpart');

    const shop = screen.getAllByTestId('agent-card')[0]!;
    fireEvent.click(shop.querySelector('[data-testid=delete]')!);
    expect(shop.querySelector('[data-testid=confirm] p')!.textContent).toContain('Open handoffs (2) stay on their Zendesk tickets');
    fireEvent.click(shop.querySelector('[data-testid=confirm-yes]')!);
    await waitFor(() => expect(screen.getByTestId('agents-notice').textContent).toBe('Shop bot was deleted.'));
    expect(screen.getAllByTestId('agent-card').map((c) => c.querySelector('h2')!.textContent)).toEqual(['Returns bot']);
  }, 30_000);

  // A rotation no longer breaks the platform's receiver at once: the relay signs with the previous secret too for 24 h.
  // The confirmation said "give it to your AI platform right away", as if every event failed until then.
  it('says, before rotating the signing secret, that the previous one keeps signing events for 24 hours', async () => {
    const relay = fakeRelay();
    await relay.signIn();
    const t = await loadAgentsStrings('en');
    render(<AgentsAdmin call={relay.call} t={t} errors={stringsFor('en')} locale="en" signInAsAdmin={relay.signIn} />);
    await waitFor(() => expect(screen.getAllByTestId('agent-card')).toHaveLength(1));
    const shop = screen.getAllByTestId('agent-card')[0]!;
    fireEvent.click(shop.querySelector('[data-testid=rotate]')!);
    expect(shop.querySelector('[data-testid=confirm] p')!.textContent).toContain('with the previous one too for 24 hours');
  }, 30_000);

  it('sends one test event when Send test event is double-clicked', async () => {
    const tests: string[] = [];
    const relay = fakeRelay();
    await relay.signIn();
    const call = async <T,>(path: string, type: 'GET' | 'POST', body?: unknown): Promise<T> => {
      if (!path.endsWith('/test-event')) return relay.call<T>(path, type, body);
      tests.push(path);
      return { result: { delivered: true, status: 200 } } as T;
    };
    const t = await loadAgentsStrings('en');
    render(<AgentsAdmin call={call} t={t} errors={stringsFor('en')} locale="en" />);
    const send = (await waitFor(() => screen.getByTestId('send-test')));
    fireEvent.click(send);
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByTestId('test-result').textContent).not.toBe(''));
    // The AI platform would get two test events (and the page show the second answer only).
    expect(tests).toHaveLength(1);
  });

  it('says the relay is rate limiting, with its code, instead of "unexpected answer" on a 429', async () => {
    const t = await loadAgentsStrings('en');
    const call = async <T,>(): Promise<T> => {
      throw refusal(429, { code: 'rate_limited', message: 'Too many requests' });
    };
    render(<AgentsAdmin call={call} t={t} errors={stringsFor('en')} locale="en" />);
    await waitFor(() => expect(screen.getByTestId('agents-error').textContent).toBe(`${stringsFor('en').relayProblems.rateLimited} (Code for support: rate_limited)`));
  });

  it('says the relay sent an unexpected answer, in each language, when it answers with a page that is not the list (not that it cannot be reached)', async () => {
    // What Zendesk's proxy hands over for a 200 that is not JSON (a proxy's HTML page), and for JSON of another shape.
    for (const [locale, body] of [['en', '<html><body>Welcome to nginx!</body></html>'], ['de', { hello: 'world' }], ['ja', '<!doctype html><title>Portal</title>']] as const) {
      const t = await loadAgentsStrings(locale);
      const call = async <T,>(): Promise<T> => body as T;
      render(<AgentsAdmin call={call} t={t} errors={stringsFor(locale)} locale={locale} />);
      await waitFor(() => expect(screen.getByTestId('agents-error').textContent).toBe(stringsFor(locale).unexpected));
      expect(screen.queryByTestId('agents-loading')).toBeNull();
      cleanup();
    }
  }, 30_000);

  it('says it is loading while a slow relay has not answered, instead of an empty list', async () => {
    const t = await loadAgentsStrings('en');
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const call = async <T,>(): Promise<T> => {
      await answered;
      return { agents: [agent('agt_1', 'Shop bot')] } as T;
    };
    render(<AgentsAdmin call={call} t={t} errors={stringsFor('en')} locale="en" />);
    expect(screen.getByTestId('agents-loading').textContent).toBe('Loading…');
    answer();
    await waitFor(() => expect(screen.getAllByTestId('agent-card')).toHaveLength(1));
    expect(screen.queryByTestId('agents-loading')).toBeNull();
  });

  it('nests its headings without skipping a level, new secrets included', async () => {
    const relay = fakeRelay();
    await relay.signIn();
    const t = await loadAgentsStrings('en');
    render(<AgentsAdmin call={relay.call} t={t} errors={stringsFor('en')} locale="en" />);
    const card = (await waitFor(() => screen.getAllByTestId('agent-card')))[0]!;
    fireEvent.input(screen.getByLabelText(t.name), { target: { value: 'Returns bot' } });
    fireEvent.input(screen.getByLabelText(t.callbackUrl), { target: { value: 'https://ai.example/returns' } });
    fireEvent.submit(screen.getByTestId('create-agent'));
    await screen.findByTestId('once-secrets');
    expect(card.querySelector('h2, h3, h4')!.textContent).toBe('Shop bot');
    // Screen-reader users move by heading level: h1 → h3 reads as a missing section (axe heading-order).
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1), levels.join(' ')).toBe(true);
  });
});
