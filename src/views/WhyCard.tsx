import { Fragment, type ComponentChildren } from 'preact';
import { languageName, percent, safeHref } from '../format.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

/** The AI's confidence in words: below half is low, from 80 % high. */
export const confidenceWord = (c: number) => (c < 0.5 ? 'low' : c < 0.8 ? 'medium' : 'high');
/** The customer's mood from the AI's sentiment score (-1 … 1). */
export const sentimentWord = (s: number) => (s <= -0.5 ? 'upset' : s < -0.15 ? 'unhappy' : s <= 0.15 ? 'neutral' : 'positive');

/**
 * The customer's handoffs before this one: this conversation's earlier ones and those of their other conversations
 * (the relay sends the newest few of those), with the tickets they made other than this one, newest first.
 */
export function earlierHandoffs(session: SessionView): { count: number; tickets: string[] } {
  const others = session.customerHandoffs ?? { count: 0, recent: [] };
  const ticketIds = [...session.handoffs.slice(0, -1).reverse(), ...others.recent].map((h) => h.ticketId);
  const tickets = [...new Set(ticketIds)].filter((id): id is string => id !== null && id !== session.ticketId);
  return { count: Math.max(0, session.handoffs.length - 1) + others.count, tickets: tickets.slice(0, 5) };
}

/** A metadata value as text: strings as they are, anything else as JSON, never longer than a line or two. */
const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 300);

/**
 * Why the AI handed off, readable in five seconds: the reason in words, the rule or trigger that fired, the AI's
 * confidence and the customer's mood in words, intent, language, priority and tags, the platform's context and the
 * AI's summary. Only facts the relay sent are shown.
 */
export function WhyCard({ session, t, onOpenTicket }: { session: SessionView; t: Strings; onOpenTicket?: (ticketId: string) => void }) {
  const { confidence, sentiment, intent } = session.signals;
  const locale = session.endUser?.locale;
  const reason = (t.reasons as Record<string, string>)[session.reason.code] ?? session.reason.code;
  const earlier = earlierHandoffs(session);
  const rows: Array<[string, ComponentChildren]> = [
    [t.rule, session.rule?.name],
    [t.trigger, session.trigger],
    [t.confidence, confidence !== undefined && `${t.confidenceWords[confidenceWord(confidence)]} (${percent(confidence, t.locale)})`],
    [t.sentiment, sentiment !== undefined && t.sentimentWords[sentimentWord(sentiment)]],
    [t.intent, intent],
    [t.language, locale && languageName(locale, t.locale)],
    [t.priority, (t.priorities as Record<string, string>)[session.priority] ?? session.priority],
    [t.tags, session.tags.length > 0 && session.tags.map((tag) => <span class="tag" key={tag}>{tag}</span>)],
    [t.earlierHandoffs, earlier.count > 0 && (
      <>
        {earlier.count}
        {earlier.tickets.map((id) => (
          <Fragment key={id}>{' · '}<button class="link" data-testid={`open-ticket-${id}`} onClick={() => onOpenTicket?.(id)}>#{id}</button></Fragment>
        ))}
      </>
    )],
  ];
  const context = Object.entries(session.metadata).slice(0, 20);
  return (
    <section class="card" data-testid="why">
      <h2>{t.why}</h2>
      {/* The platform's words in an element of their own with dir="auto": an Arabic or Hebrew reason reads right to left
          with its punctuation in place. On the whole line the label, in the agent's language, would set the direction. */}
      <p class="reason"><strong>{reason}</strong>{session.reason.text && <> — <span dir="auto">{session.reason.text}</span></>}</p>
      <dl class="facts">
        {rows.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      {context.length > 0 && (
        <details class="context" open>
          <summary>{t.context}</summary>
          <dl class="facts">
            {context.map(([key, value]) => {
              const text = valueText(value);
              const href = safeHref(text);
              return <div key={key}><dt>{key}</dt><dd dir="auto">{href ? <a href={href} target="_blank" rel="noopener noreferrer">{text}</a> : text}</dd></div>;
            })}
          </dl>
        </details>
      )}
      {session.summary && <p class="summary"><strong>{t.summary}:</strong> <span dir="auto">{session.summary}</span></p>}
    </section>
  );
}
