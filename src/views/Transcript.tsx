import { handoffSeparators } from '../handoff-separators.js';
import type { Strings } from '../i18n.js';
import type { Handoff, SessionView } from '../schema.js';

/** Only http(s) links are clickable: a `javascript:` URL from a transcript stays inert text. */
export const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

const ROLE: Record<SessionView['messages'][number]['role'], keyof Strings> = { user: 'customer', assistant: 'ai', agent: 'agent', system: 'system' };
/** Long transcripts: render the latest messages first, older ones on demand. */
export const INITIAL_MESSAGES = 200;

export function Transcript({ session, t, showAll, onShowAll, onRetry }: { session: SessionView; t: Strings; showAll: boolean; onShowAll: () => void; onRetry?: (messageId: string) => void }) {
  const messages = showAll ? session.messages : session.messages.slice(-INITIAL_MESSAGES);
  const hidden = session.messages.length - messages.length;
  const separators = handoffSeparators(session);
  const separatorsAt = (index: number) => separators.get(index)?.map((h) => <HandoffSeparator key={`handoff-${h.sessionId}`} handoff={h} t={t} />) ?? [];
  return (
    <section class="card">
      <h2>{t.transcript}</h2>
      {hidden > 0 && <button class="link" onClick={onShowAll}>+{hidden}</button>}
      <ol class="transcript" data-testid="transcript">
        {messages.map((m, i) => [
          ...separatorsAt(hidden + i),
          <li key={m.id} class={`msg ${m.role}`} data-role={m.role}>
            <div class="meta">
              <strong>{m.authorName ?? t[ROLE[m.role]]}</strong> · {new Date(m.createdAt).toLocaleTimeString()}
              {m.delivery && <span class={`delivery ${m.delivery.state}`}> · {m.delivery.state === 'delivered' ? t.delivered : m.delivery.state === 'failed' ? t.failedDelivery : t.sending}</span>}
              {m.delivery?.state === 'failed' && onRetry && <button class="link" data-testid={`retry-${m.id}`} onClick={() => onRetry(m.id)}> {t.retry}</button>}
            </div>
            <div class="text">{m.text}</div>
            {m.attachments.map((a) => {
              const href = safeHref(a.url);
              return href ? <a key={a.url} href={href} target="_blank" rel="noopener noreferrer">{a.name ?? a.url}</a> : <span key={a.url} class="muted">{a.name ?? a.url}</span>;
            })}
          </li>,
        ])}
        {separatorsAt(session.messages.length)}
      </ol>
    </section>
  );
}

/**
 * Where a later escalation of the same conversation starts. A heading, not `role="separator"`: a list may only hold
 * list items, and agents using a screen reader can jump from one escalation to the next by heading.
 */
function HandoffSeparator({ handoff, t }: { handoff: Handoff; t: Strings }) {
  const reason = (t.reasons as Record<string, string>)[handoff.reason.code] ?? handoff.reason.code;
  const at = new Date(handoff.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <li class="handoff-separator" data-testid="handoff-separator" data-session={handoff.sessionId}>
      <h3 title={handoff.reason.text ?? undefined}>{t.handedOffAgain} · {at} · {reason}</h3>
    </li>
  );
}
