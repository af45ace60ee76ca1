import type { Ref } from 'preact';
import { fullDate, relativeTime } from '../format.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';
import { Timeline } from './Timeline.js';

/** State with how long ago it was entered (the full date on hover), and the timeline of transitions (Timeline.tsx). */
export function SessionHeader({ session, t, now, stateRef }: { session: SessionView; t: Strings; now: number; stateRef?: Ref<HTMLSpanElement> }) {
  return (
    <header class="header">
      <span class={`badge ${session.state}`} data-testid="state" ref={stateRef} tabIndex={-1}>{t[session.state]}</span>
      <span class="muted"> · </span><time class="muted" dateTime={session.stateChangedAt} title={fullDate(session.stateChangedAt, t.locale)}>{relativeTime(session.stateChangedAt, now, t.locale)}</time>
      <Timeline session={session} t={t} />
    </header>
  );
}
