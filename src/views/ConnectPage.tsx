import { useRef, useState } from 'preact/hooks';
import { AccessFindingSchema, accessWords } from '../access-words.js';
import type { ConnectStrings } from '../connect-i18n.js';
import type { Connected } from '../onboarding.js';
import { PopupError } from '../relay-popup.js';

/**
 * The nav_bar page of an installation without a tenant id: one button that runs Connect Baton. When Zendesk would
 * not take the settings into the installation, they are shown here once, with Copy buttons and where to paste them.
 */
export function ConnectPage(props: {
  t: ConnectStrings;
  hasRelay: boolean;
  connect: () => Promise<Connected>;
  onConnected: (c: Connected) => void;
  /** What to say when the relay did not answer the start of the flow at all (down, or not at the Relay URL). */
  unreachable?: string;
}) {
  const { t } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [toCopy, setToCopy] = useState<Connected | undefined>();

  const connect = async () => {
    setBusy(true);
    setError('');
    try {
      const connected = await props.connect();
      if (connected.settingsSaved || !connected.sharedSecret) props.onConnected(connected);
      else setToCopy(connected);
    } catch (caught) {
      const e = caught instanceof PopupError ? caught : undefined;
      // sign_in_failed without the relay's words: no Baton answered (the popup's code name meant nothing to an admin).
      const noAnswer = e?.code === 'sign_in_failed' && !e.detail && props.unreachable;
      setError(e?.code === 'popup_blocked' ? t.popupBlocked : e?.code === 'admin_required' ? t.notAdmin : noAnswer ? props.unreachable! : `${t.failed} ${e ? reasonOf(t, e) : (caught as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  if (toCopy) {
    return (
      <main class="connect" data-testid="connect-copy">
        <h1>{t.copyTitle}</h1>
        <p>{t.copyIntro}</p>
        <CopyField label={t.tenantId} value={toCopy.tenantId} t={t} testId="copy-tenant" />
        <CopyField label={t.sharedSecret} value={toCopy.sharedSecret ?? ''} t={t} testId="copy-secret" />
        <button class="primary" onClick={() => props.onConnected(toCopy)} data-testid="copied-done">{t.saved}</button>
      </main>
    );
  }
  return (
    <main class="connect" data-testid="connect">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {!props.hasRelay && <p class="error" role="alert">{t.noRelay}</p>}
      {error && <p class="error" role="alert" data-testid="connect-error">{error}</p>}
      {busy && <p class="muted" role="status">{t.connecting}</p>}
      <button class="primary" aria-disabled={busy || !props.hasRelay} onClick={() => !busy && props.hasRelay && void connect()} data-testid="connect-button">{t.connect}</button>
    </main>
  );
}

/** Why the relay refused: its access check's code in the admin's language (as the Connection tab words it), else its English. */
function reasonOf(t: ConnectStrings, e: PopupError): string {
  const english = e.detail ?? e.code;
  const access = AccessFindingSchema.safeParse(e.data?.access);
  return access.success ? accessWords(t, access.data, english) : english;
}

/** A read-only value with a Copy button (clipboard API, else a selection copy for iframes without clipboard access). */
function CopyField({ label, value, t, testId }: { label: string; value: string; t: ConnectStrings; testId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div class="copy-field">
      <label>
        {label}
        <input ref={input} readOnly value={value} data-testid={testId} onFocus={(e) => (e.target as HTMLInputElement).select()} />
      </label>
      <button class="secondary" onClick={() => void copy()}>{copied ? t.copied : t.copy}<span class="sr-only"> {label}</span></button>
    </div>
  );
}
