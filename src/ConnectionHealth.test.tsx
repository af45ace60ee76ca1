import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../server/core/errors.js';
import { errorBody } from '../server/http/errors.js';
import { loadConnectStrings } from './connect-i18n.js';
import { stringsFor } from './i18n.js';
import { ConnectionHealth, type Health } from './views/ConnectionHealth.js';

afterEach(cleanup);

/** How Zendesk's proxy rejects a relay answer: its status and the relay's own error body (the catalogue's status). */
const relayRefusal = (code: ErrorCode) => ({ status: ERROR_CATALOGUE[code].status, responseText: JSON.stringify(errorBody(code)) });
const healthy: Health = { zendesk: 'https://acme.zendesk.com', healthy: true, access: { ok: true, message: 'Connected.' }, provisioning: null, lastWebhookAt: null };

/** The Connection tab in `locale` whose check (and repair, when `repair` is set) fails with `failure`; its problem line. */
async function problemLine(locale: string, failure: unknown, repair = false) {
  const call = async <T,>(path: string): Promise<T> => {
    if (!repair || path.endsWith('/repair')) throw failure;
    return healthy as T;
  };
  render(<ConnectionHealth call={call} t={await loadConnectStrings(locale)} locale={locale} words={stringsFor(locale)} />);
  if (repair) fireEvent.click(await screen.findByTestId('repair'));
  await waitFor(() => expect(screen.getByTestId('health-problem')).toBeTruthy());
  const text = screen.getByTestId('health-problem').textContent;
  cleanup();
  return text;
}

describe('the Connection tab\'s problems, in the admin\'s words', () => {
  it('leads with a sentence in the admin\'s language for a relay error, a refused app and a rate limit, the code kept for support', async () => {
    expect(await problemLine('en', relayRefusal('internal_error'))).toBe(
      "Baton's relay ran into an error of its own and could not answer. Try again in a moment; if it keeps happening, tell whoever runs your relay. (Code for support: internal_error)");
    expect(await problemLine('en', relayRefusal('invalid_app_token'))).toBe(
      "Baton's relay did not accept this app's settings. If Baton has just saved them, reload Zendesk (the whole browser page) so this app starts using them; otherwise check the tenant ID and shared secret in the app's settings. (Code for support: invalid_app_token)");
    expect(await problemLine('en', relayRefusal('rate_limited'), true)).toBe(
      "Baton's relay is getting too many requests from this account right now. Wait a minute, then try again. (Code for support: rate_limited)");
    // A database outage is the relay's own failure too (503 with Baton's body), not "cannot be reached".
    expect(await problemLine('en', relayRefusal('database_unavailable'), true)).toMatch(/^Baton's relay ran into an error of its own.*\(Code for support: database_unavailable\)$/);

    expect(await problemLine('de', relayRefusal('internal_error'))).toBe(
      'Im Baton-Relay ist ein Fehler aufgetreten; es konnte nicht antworten. Versuchen Sie es gleich noch einmal; bleibt es dabei, wenden Sie sich an den Betreiber Ihres Relays. (Code für den Support: internal_error)');
    expect(await problemLine('de', relayRefusal('rate_limited'))).toMatch(/^Das Baton-Relay erhält gerade zu viele Anfragen.*\(Code für den Support: rate_limited\)$/);
    expect(await problemLine('ja', relayRefusal('invalid_app_token'), true)).toMatch(/^Baton リレーがこのアプリの設定を受け付けませんでした。.*（サポート用コード: invalid_app_token）$/);
  });

  it('says the relay cannot be reached when nothing answers, in the admin\'s language, with no code to show', async () => {
    expect(await problemLine('en', { status: 0 })).toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
    // A 502 from whatever stands in front of a relay that is down has no Baton body.
    expect(await problemLine('de', { status: 502, responseText: '<html>Bad Gateway</html>' }, true)).toBe(stringsFor('de').unreachable);
  });

  it('says the relay sent an unexpected answer when the check or a repair comes back as a page, instead of sticking on "Checking"', async () => {
    // What Zendesk's proxy resolves with for a 200 that is not the relay's JSON: a proxy's HTML page, JSON of another shape.
    for (const [locale, body, repair] of [['en', '<html><body>Welcome to nginx!</body></html>', false], ['fr', { ok: true }, false], ['ja', '<html>portal</html>', true]] as const) {
      const call = async <T,>(path: string): Promise<T> => (repair && !path.endsWith('/repair') ? healthy : body) as T;
      render(<ConnectionHealth call={call} t={await loadConnectStrings(locale)} locale={locale} words={stringsFor(locale)} />);
      if (repair) fireEvent.click(await screen.findByTestId('repair'));
      await waitFor(() => expect(screen.getByTestId('health-problem').textContent).toBe(stringsFor(locale).unexpected), { timeout: 10_000 });
      // A failed check shows no earlier state beside it; a failed repair leaves the check before it as it was.
      if (!repair) expect(screen.queryByTestId('health-summary')).toBeNull();
      cleanup();
    }
  }, 30_000);

  it('keeps the code after the page\'s own words for a failure it has no sentence for', async () => {
    expect(await problemLine('en', relayRefusal('tenant_not_found'))).toBe('Baton could not connect: tenant_not_found');
  });
});
