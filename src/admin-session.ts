import { runRelayPopup } from './relay-popup.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;

/** What the relay's sign-in popup posts back (server/zendesk/admin-sign-in.ts). */
const MESSAGE_TYPE = 'baton.admin_session';

export type AdminSignIn = () => Promise<void>;

/**
 * The admin session the relay issues once a Zendesk admin signed in with their own Zendesk account in a
 * popup. Held in memory only (a reload signs in again); sent as `X-Baton-Admin-Session` on every call.
 */
export function createAdminSession(relayUrl: string, win: Window = window) {
  let token: string | undefined;
  return {
    headers: (): Record<string, string> => (token ? { 'X-Baton-Admin-Session': token } : {}),
    /** A session the relay handed over another way (Connect Baton proves the same thing and returns one). */
    adopt(session: string) {
      token = session;
    },
    async signIn(call: Call): Promise<void> {
      const message = await runRelayPopup<{ token?: unknown }>({
        win,
        relayUrl,
        messageType: MESSAGE_TYPE,
        windowName: 'baton-admin-sign-in',
        start: () => call<{ url: string }>('/app/v1/admin-session', 'POST', { origin: win.location.origin }),
      });
      if (typeof message.token !== 'string') throw new Error('sign_in_failed');
      token = message.token;
    },
  };
}
