import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentsStrings } from '../agents-i18n.js';

export type Secret = { label: string; value: string; testId: string };

/** Secrets the relay shows once (API key, signing secret): readable, copyable, gone when the admin says so. */
export function OnceSecrets({ secrets, t, onDone }: { secrets: Secret[]; t: AgentsStrings; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves here so a keyboard or screen-reader user lands on what must be copied now.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="once" aria-labelledby="once-title" data-testid="once-secrets">
      <h3 id="once-title" tabIndex={-1} ref={heading}>{t.onceTitle}</h3>
      <p class="muted">{t.onceHint}</p>
      {secrets.map((s) => <SecretField key={s.testId} secret={s} t={t} />)}
      <button class="secondary" onClick={onDone} data-testid="once-done">{t.done}</button>
    </section>
  );
}

function SecretField({ secret, t }: { secret: Secret; t: AgentsStrings }) {
  const [copied, setCopied] = useState(false);
  const id = `secret-${secret.testId}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret.value);
    } catch {
      // The iframe may lack clipboard-write permission: copy from the selected field instead.
      const input = document.getElementById(id) as HTMLInputElement;
      input.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div class="secret">
      <label for={id}>{secret.label}</label>
      <div class="secret-row">
        <input id={id} readOnly value={secret.value} data-testid={secret.testId} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <button class="secondary" onClick={() => void copy()} aria-describedby={`${id}-status`}>{t.copy}</button>
        <span id={`${id}-status`} role="status" class="muted">{copied ? t.copied : ''}</span>
      </div>
    </div>
  );
}
