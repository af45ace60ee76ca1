import { useState } from 'preact/hooks';
import { causeWords } from '../cause-words.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

/**
 * The session's state changes, compact (state · time) to fit a 320 px sidebar. Each one's reason is part of the
 * entry's text for screen readers (visually hidden), a tooltip for the mouse, and shown as text, one entry a line,
 * behind a Show why toggle for everyone else (a tooltip alone is out of reach of the keyboard and of touch).
 */
export function Timeline({ session, t }: { session: SessionView; t: Strings }) {
  const [showWhy, setShowWhy] = useState(false);
  const id = `timeline-${session.id}`;
  return (
    <div class="timeline-box">
      <ol class={showWhy ? 'timeline why' : 'timeline'} id={id} data-testid="timeline">
        {session.transitions.map((tr) => {
          const why = causeWords(t, tr.cause);
          return (
            <li key={tr.version} title={showWhy ? undefined : why}>
              {t[tr.to as SessionView['state']] ?? tr.to} · {new Date(tr.at).toLocaleTimeString(t.locale, { timeStyle: 'short' })}
              <span class={showWhy ? 'timeline-reason' : 'sr-only'} data-testid="timeline-reason"> — {why}</span>
            </li>
          );
        })}
      </ol>
      <button class="link timeline-toggle" aria-expanded={showWhy} aria-controls={id} onClick={() => setShowWhy(!showWhy)} data-testid="timeline-why">
        {showWhy ? t.hideWhy : t.showWhy}
      </button>
    </div>
  );
}
