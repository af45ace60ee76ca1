import { relayErrorBody } from './relay-error-body.js';

/** An admin who does not finish the Zendesk sign-in within this time gets the button back. */
export const POPUP_TIMEOUT_MS = 5 * 60 * 1000;

/** A failed popup flow: `code` is the relay's (admin_required, forbidden, …) or popup_blocked / sign_in_timeout. */
export class PopupError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
    /** Everything the relay's popup posted with its refusal (unparsed: each reader checks what it uses). */
    readonly data?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/**
 * The relay's Zendesk OAuth popups (admin sign-in, Connect Baton): opens the window at once (a click's own turn, or
 * popup blockers refuse it), asks the relay where to send it, and resolves with what the popup posts back — only a
 * message from that popup, at the relay's origin, with the expected type counts.
 */
export function runRelayPopup<T extends Record<string, unknown>>(opts: {
  win: Window;
  relayUrl: string;
  messageType: string;
  windowName: string;
  start: () => Promise<{ url: string }>;
}): Promise<T> {
  const { win } = opts;
  let relayOrigin = '';
  try {
    relayOrigin = new URL(opts.relayUrl).origin;
  } catch {
    // No valid relay URL: nothing can ever match, and the start call fails.
  }
  const popup = win.open('', opts.windowName, 'popup,width=520,height=680');
  if (!popup) return Promise.reject(new PopupError('popup_blocked'));
  return new Promise<T>((resolve, reject) => {
    const done = (result: { ok: T } | { error: PopupError }) => {
      win.removeEventListener('message', onMessage);
      clearTimeout(timer);
      if ('ok' in result) resolve(result.ok);
      else reject(result.error);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as Record<string, unknown> | null;
      if (event.origin !== relayOrigin || event.source !== popup || data?.type !== opts.messageType) return;
      if (typeof data.error === 'string') done({ error: new PopupError(data.error, typeof data.message === 'string' ? data.message : undefined, data) });
      else done({ ok: data as T });
    };
    const timer = setTimeout(() => done({ error: new PopupError('sign_in_timeout') }), POPUP_TIMEOUT_MS);
    win.addEventListener('message', onMessage);
    opts
      .start()
      .then((r) => {
        popup.location.href = r.url;
      })
      .catch((caught: unknown) => {
        popup.close();
        // The relay's refusal in words (no OAuth client configured, an origin outside APP_ORIGINS, rate limited).
        done({ error: new PopupError('sign_in_failed', relayErrorBody(caught)?.message) });
      });
  });
}
