type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;

/** What the relay's sign-in popup posts back (server/zendesk/admin-sign-in.ts). */
const MESSAGE_TYPE = 'baton.admin_session';
/** An admin who does not finish the Zendesk sign-in within this time gets the button back. */
const SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;

export type AdminSignIn = () => Promise<void>;

/**
 * The admin session the relay issues once a Zendesk admin signed in with their own Zendesk account in a
 * popup. Held in memory only (a reload signs in again); sent as `X-Baton-Admin-Session` on every call.
 */
export function createAdminSession(relayUrl: string, win: Window = window) {
  let token: string | undefined;
  const relayOrigin = (() => {
    try {
      return new URL(relayUrl).origin;
    } catch {
      return '';
    }
  })();
  return {
    headers: (): Record<string, string> => (token ? { 'X-Baton-Admin-Session': token } : {}),
    /** Opens the popup at once (a click's own turn, or popup blockers refuse it), then sends it to Zendesk. */
    signIn(call: Call): Promise<void> {
      const popup = win.open('', 'baton-admin-sign-in', 'popup,width=520,height=680');
      if (!popup) return Promise.reject(new Error('popup_blocked'));
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          win.removeEventListener('message', onMessage);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        // Only the popup, at the relay's origin, may hand over a session.
        const onMessage = (event: MessageEvent) => {
          const data = event.data as { type?: unknown; token?: unknown; error?: unknown };
          if (event.origin !== relayOrigin || event.source !== popup || data?.type !== MESSAGE_TYPE) return;
          if (typeof data.token === 'string') {
            token = data.token;
            done();
          } else done(new Error(typeof data.error === 'string' ? data.error : 'sign_in_failed'));
        };
        const timer = setTimeout(() => done(new Error('sign_in_timeout')), SIGN_IN_TIMEOUT_MS);
        win.addEventListener('message', onMessage);
        call<{ url: string }>('/app/v1/admin-session', 'POST', { origin: win.location.origin })
          .then((r) => {
            popup.location.href = r.url;
          })
          .catch(() => {
            popup.close();
            done(new Error('sign_in_failed'));
          });
      });
    },
  };
}
