import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConnectStrings } from './connect-i18n.js';
import { stringsFor } from './i18n.js';
import type { Connected } from './onboarding.js';
import { PopupError } from './relay-popup.js';
import { ConnectionHealth, type Health } from './views/ConnectionHealth.js';
import { ConnectPage } from './views/ConnectPage.js';
import { TabShown } from './views/tab-shown.js';

afterEach(cleanup);

const connected = (over: Partial<Connected> = {}): Connected => ({ tenantId: 'ten_1', created: true, settingsSaved: true, adminSession: 'as1.x', ...over });

describe('Connect Baton (nav_bar of an unconfigured installation)', () => {
  it('says in words why connecting failed: not an admin, popup blocked, or what Zendesk answered', async () => {
    const t = await loadConnectStrings('en');
    const failures = [new PopupError('admin_required'), new PopupError('popup_blocked'), new PopupError('zendesk_check_failed', 'The token lacks ticket access.')];
    for (const failure of failures) {
      render(<ConnectPage t={t} hasRelay connect={() => Promise.reject(failure)} onConnected={() => undefined} />);
      fireEvent.click(screen.getByTestId('connect-button'));
      const text = await screen.findByTestId('connect-error');
      expect(text.textContent).toBe(
        failure.code === 'admin_required' ? t.notAdmin : failure.code === 'popup_blocked' ? t.popupBlocked : 'Baton could not connect: The token lacks ticket access.',
      );
      cleanup();
    }
  });

  it("words a failed access check by its code in the admin's language (as the Connection tab does), and keeps the relay's English for a code it does not know", async () => {
    const de = await loadConnectStrings('de');
    const refusal = (access: Record<string, unknown>) => new PopupError('zendesk_check_failed', 'Relay English.', { type: 'baton.onboarding', error: 'zendesk_check_failed', message: 'Relay English.', access });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'tickets_forbidden', user: 'Ada', status: 403, zendesk: 'https://acme.zendesk.com' }, de.accessCodes.tickets_forbidden],
      [{ code: 'not_admin', user: 'Ada', status: 200, zendesk: 'https://acme.zendesk.com' }, de.accessCodes.not_admin.replace('{user}', 'Ada')],
      [{ code: 'a_code_from_a_newer_relay', user: null, status: 500, zendesk: 'https://acme.zendesk.com' }, 'Relay English.'],
    ];
    for (const [access, words] of cases) {
      render(<ConnectPage t={de} hasRelay connect={() => Promise.reject(refusal(access))} onConnected={() => undefined} />);
      fireEvent.click(screen.getByTestId('connect-button'));
      expect((await screen.findByTestId('connect-error')).textContent).toBe(`${de.failed} ${words}`);
      cleanup();
    }
  });

  it('goes straight on when the settings were saved, and otherwise shows them once with Copy buttons', async () => {
    const t = await loadConnectStrings('en');
    const done: Connected[] = [];
    render(<ConnectPage t={t} hasRelay connect={async () => connected()} onConnected={(c) => done.push(c)} />);
    fireEvent.click(screen.getByTestId('connect-button'));
    await waitFor(() => expect(done).toHaveLength(1));
    cleanup();

    render(<ConnectPage t={t} hasRelay connect={async () => connected({ settingsSaved: false, sharedSecret: 's3cret' })} onConnected={(c) => done.push(c)} />);
    fireEvent.click(screen.getByTestId('connect-button'));
    expect(((await screen.findByTestId('copy-secret')) as HTMLInputElement).value).toBe('s3cret');
    expect((screen.getByTestId('copy-tenant') as HTMLInputElement).value).toBe('ten_1');
    expect(screen.getByText(/Zendesk Support apps → Baton → Settings/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy Shared secret' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('copied-done'));
    expect(done).toHaveLength(2);
  });

  it('cannot start without a Relay URL setting, and says so', async () => {
    const t = await loadConnectStrings('en');
    let started = false;
    render(<ConnectPage t={t} hasRelay={false} connect={async () => ((started = true), connected())} onConnected={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toBe(t.noRelay);
    fireEvent.click(screen.getByTestId('connect-button'));
    expect(started).toBe(false);
  });
});

describe('Connection health', () => {
  const unhealthy: Health = {
    zendesk: 'https://acme.zendesk.com',
    healthy: false,
    access: { ok: true, message: 'Connected' },
    provisioning: { webhook: { present: true, active: true, endpointMatches: true }, triggers: [{ title: 'a', present: true, active: true }, { title: 'b', present: false, active: false }] },
    lastWebhookAt: null,
  };
  it('shows what is missing, and repairs after an admin sign-in when the relay asks for one', async () => {
    const t = await loadConnectStrings('en');
    let admin = false;
    const calls: string[] = [];
    const call = async <T,>(path: string): Promise<T> => {
      calls.push(path);
      if (path.endsWith('/repair')) {
        if (!admin) throw { status: 403, responseText: JSON.stringify({ error: { code: 'admin_required' } }) };
        return { ...unhealthy, healthy: true, provisioning: { ...unhealthy.provisioning!, triggers: unhealthy.provisioning!.triggers.map((x) => ({ ...x, present: true, active: true })) }, repairProblem: null } as T;
      }
      return unhealthy as T;
    };
    render(<ConnectionHealth call={call} t={t} locale="en" signInAsAdmin={async () => void (admin = true)} words={stringsFor('en')} />);
    expect((await screen.findByTestId('health-summary')).textContent).toContain('Something needs repair.');
    expect(screen.getByTestId('health-triggers').textContent).toContain('1 of 2 present');
    expect(screen.getByTestId('health-last-webhook').textContent).toContain('None yet');
    fireEvent.click(screen.getByTestId('repair'));
    await waitFor(() => expect(screen.getByTestId('health-summary').textContent).toContain('Everything is in place.'));
    expect(calls.filter((c) => c.endsWith('/repair'))).toHaveLength(2);
  });
});

describe('the Connection tab, checked again', () => {
  it('does not keep showing the last good health as current when the new check fails', async () => {
    const t = await loadConnectStrings('en');
    let down = false;
    const healthy: Health = { zendesk: 'https://acme.zendesk.com', healthy: true, access: { ok: true, message: 'Connected.' }, provisioning: null, lastWebhookAt: null };
    const call = async <T,>(): Promise<T> => {
      if (down) throw { status: 0 };
      return healthy as T;
    };
    const tab = (shown: number) => <TabShown.Provider value={shown}><ConnectionHealth call={call} t={t} locale="en" words={stringsFor('en')} /></TabShown.Provider>;
    const { rerender } = render(tab(1));
    expect((await screen.findByTestId('health-summary')).textContent).toContain('Everything is in place.');
    down = true;
    rerender(tab(2)); // the admin comes back to the tab while the relay is down
    expect((await screen.findByTestId('health-problem')).textContent).toBe(stringsFor('en').unreachable);
    expect(screen.queryByTestId('health-summary')).toBeNull();
    expect(screen.queryByTestId('health-access')).toBeNull();
  });
});

describe('the Access line', () => {
  const health = (access: Health['access']): Health => ({ zendesk: 'https://acme.zendesk.com', healthy: access.ok, access, provisioning: null, lastWebhookAt: null });
  const accessLine = async (locale: string, access: Health['access']) => {
    render(<ConnectionHealth call={async <T,>() => health(access) as T} t={await loadConnectStrings(locale)} locale={locale} words={stringsFor(locale)} />);
    const text = (await screen.findByTestId('health-access')).querySelector('dd')!.textContent;
    cleanup();
    return text;
  };

  it('says what the relay found in the admin\'s language, and the relay\'s own words for a code this app does not know', async () => {
    const notAdmin = { ok: false, code: 'not_admin', user: 'Sam Agent', status: 200, message: 'Connected as Sam Agent, who is not a Zendesk admin: provisioning webhooks and triggers needs an admin.' };
    expect(await accessLine('de', notAdmin)).toBe('Fehlt oder geändert Verbunden als Sam Agent, der kein Zendesk-Admin ist: Webhook und Trigger einzurichten erfordert einen Admin.');
    expect(await accessLine('ja', { ok: false, code: 'tickets_failed', status: 500, message: 'Reading tickets failed with HTTP 500.' })).toContain('チケットを読み取れませんでした（Zendesk の応答: HTTP 500）');
    expect(await accessLine('fr', { ok: false, code: 'zendesk_unreachable', user: null, status: null, message: 'Zendesk is unreachable at https://acme.zendesk.com: fetch failed' }))
      .toContain('Zendesk est injoignable à l’adresse https://acme.zendesk.com.');
    // A newer relay's code, or an older relay without codes: its English sentence, never a blank or a code.
    expect(await accessLine('de', { ok: false, code: 'sso_enforced', message: 'Single sign-on blocks the token.' })).toBe('Fehlt oder geändert Single sign-on blocks the token.');
    expect(await accessLine('de', { ok: true, message: 'Connected to Zendesk as Ada (admin).' })).toBe('OK Connected to Zendesk as Ada (admin).');
  });
});

describe('the Connect popup', () => {
  it('closes itself and says what the relay answered when the relay refuses to start', async () => {
    const { runRelayPopup } = await import('./relay-popup.js');
    const popup = { location: { href: '' }, closed: false, close() { this.closed = true; } };
    const win = { location: { origin: 'https://a.apps.zdusercontent.com' }, open: () => popup, addEventListener() {}, removeEventListener() {} } as unknown as Window;
    const refusal = { status: 409, responseText: JSON.stringify({ error: { code: 'zendesk_not_connected', message: 'ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET are not configured on this relay.' } }) };
    const outcome = runRelayPopup({ win, relayUrl: 'https://relay.example', messageType: 'baton.onboarding', windowName: 'x', start: () => Promise.reject(refusal) });
    await expect(outcome).rejects.toMatchObject({ code: 'sign_in_failed', detail: 'ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET are not configured on this relay.' });
    expect(popup.closed).toBe(true);
  });
});
