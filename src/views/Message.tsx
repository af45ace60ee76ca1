import { useState } from 'preact/hooks';
import { fileSize, fullDate, linkParts, messageTime, safeHref } from '../format.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

export type MessageView = SessionView['messages'][number];
const ROLE = { user: 'customer', assistant: 'ai', agent: 'agent', system: 'system' } as const;
/** Longer messages are cut at about this many characters, with "Show more": one pasted log must not fill the panel. */
export const COLLAPSE_CHARS = 600;

export const authorOf = (m: MessageView, t: Strings) => m.authorName ?? t[ROLE[m.role]];

/** Text with its http(s) URLs as links that open in a new tab and tell the target nothing. */
export const Linked = ({ text }: { text: string }) => (
  <>{linkParts(text).map((p) => (typeof p === 'string' ? p : <a href={p.href} target="_blank" rel="noopener noreferrer">{p.href}</a>))}</>
);

/** One message: author, time (relative, the full date on hover), its text in its own direction, attachments. */
export function Message({ m, t, now, onRetry }: { m: MessageView; t: Strings; now: number; onRetry?: (messageId: string) => void }) {
  const [expanded, setExpanded] = useState(false);
  const long = m.text.length > COLLAPSE_CHARS;
  const text = long && !expanded ? `${m.text.slice(0, COLLAPSE_CHARS).replace(/\s+\S*$/, '')}…` : m.text;
  return (
    <li class={`msg ${m.role}`} data-role={m.role}>
      <div class="meta">
        <strong>{authorOf(m, t)}</strong> · <time dateTime={m.createdAt} title={fullDate(m.createdAt, t.locale)}>{messageTime(m.createdAt, now, t.locale)}</time>
        {m.delivery && <span class={`delivery ${m.delivery.state}`}> · {m.delivery.state === 'delivered' ? t.delivered : m.delivery.state === 'failed' ? t.failedDelivery : t.sending}</span>}
        {m.delivery?.state === 'failed' && onRetry && <button class="link" data-testid={`retry-${m.id}`} onClick={() => onRetry(m.id)}> {t.retry}</button>}
      </div>
      {/* dir="auto": an Arabic or Hebrew message reads right to left inside a left-to-right panel. */}
      <div class="text" dir="auto"><Linked text={text} /></div>
      {long && <button class="link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>{expanded ? t.showLess : t.showMore}</button>}
      {m.attachments.length > 0 && (
        <ul class="attachments" aria-label={t.attachments}>
          {m.attachments.map((a) => {
            const href = safeHref(a.url);
            const name = a.name ?? a.url;
            return (
              <li key={a.url}>
                {/* A file name in Arabic or Hebrew reads right to left, as the message text does. */}
                {href ? <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">{name}</a> : <span class="muted" dir="auto">{name}</span>}
                {a.size !== undefined && <span class="muted size"> · {fileSize(a.size, t.locale)}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
