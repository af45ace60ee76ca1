import { describe, expect, it } from 'vitest';
import { createAdminSession } from './admin-session.js';

/** A window with a popup: records where the popup is sent and lets the test post messages "from" anywhere. */
function fakeWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const popup = { location: { href: '' }, closed: false, close() { this.closed = true; } };
  const win = {
    location: { origin: 'https://acme.apps.zdusercontent.com' },
    open: () => popup,
    addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.delete(l),
  };
  const post = (data: unknown, origin: string, source: unknown = popup) => listeners.forEach((l) => l({ data, origin, source } as MessageEvent));
  return { win: win as unknown as Window, popup, post };
}

describe('admin session (app side)', () => {
  it('sends the popup to the URL the relay returns and keeps only a session posted by that popup from the relay origin', async () => {
    const { win, popup, post } = fakeWindow();
    const session = createAdminSession('https://relay.example.com', win);
    const started: unknown[] = [];
    const call = async <T,>(path: string, _type: string, body?: unknown): Promise<T> => {
      started.push({ path, body });
      return { url: 'https://acme.zendesk.com/oauth/authorizations/new?x=1' } as T;
    };
    const signedIn = session.signIn(call);
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([{ path: '/app/v1/admin-session', body: { origin: 'https://acme.apps.zdusercontent.com' } }]);
    expect(popup.location.href).toBe('https://acme.zendesk.com/oauth/authorizations/new?x=1');
    post({ type: 'baton.admin_session', token: 'from-elsewhere' }, 'https://evil.example');
    post({ type: 'baton.admin_session', token: 'other-window' }, 'https://relay.example.com', {});
    expect(session.headers()).toEqual({});
    post({ type: 'baton.admin_session', token: 'as1.good' }, 'https://relay.example.com');
    await signedIn;
    expect(session.headers()).toEqual({ 'X-Baton-Admin-Session': 'as1.good' });
  });

  it('fails when the person who signed in is not an admin', async () => {
    const { win, post } = fakeWindow();
    const session = createAdminSession('https://relay.example.com', win);
    const signedIn = session.signIn(async <T,>() => ({ url: 'https://acme.zendesk.com/x' }) as T);
    post({ type: 'baton.admin_session', error: 'admin_required' }, 'https://relay.example.com');
    await expect(signedIn).rejects.toThrow('admin_required');
    expect(session.headers()).toEqual({});
  });
});
