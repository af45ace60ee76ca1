import type { Ref } from 'preact';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

const COLOR: Record<SessionView['state'], string> = {
  pending: '#ad5918', waiting: '#ad5918', human: '#1f73b7', returned: '#038153', failed: '#cc3340', ended: '#68737d',
};

export function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** State with time in state, and the timeline of transitions. */
export function SessionHeader({ session, t, now, stateRef }: { session: SessionView; t: Strings; now: number; stateRef?: Ref<HTMLSpanElement> }) {
  return (
    <header class="header">
      <span class="badge" data-testid="state" ref={stateRef} tabIndex={-1} style={{ background: COLOR[session.state] }}>{t[session.state]}</span>
      <span class="muted"> {t.since} {ago(session.stateChangedAt, now)}</span>
      <ol class="timeline" aria-label="timeline">
        {session.transitions.map((tr) => (
          <li key={tr.version} title={tr.cause}>{t[tr.to as SessionView['state']] ?? tr.to} · {new Date(tr.at).toLocaleTimeString()}</li>
        ))}
      </ol>
    </header>
  );
}
