import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dayLabel, fullDate, startOfDay } from '../format.js';
import { handoffSeparators } from '../handoff-separators.js';
import type { Strings } from '../i18n.js';
import type { Handoff, SessionView } from '../schema.js';
import { withEarlier, withWindow } from '../transcript-window.js';
import { authorOf, Message, type MessageView } from './Message.js';

/** Messages added per "Show earlier" (fetched from the relay when not held yet): 5,000 never render at once. */
export const PAGE_MESSAGES = 100;
/**
 * Messages in the first render: enough to fill the conversation's area (at most about 560 px, a message at least
 * about 45 px), so the first screen is painted with them alone; the rest held follow when the browser is idle.
 */
export const FIRST_SCREEN_MESSAGES = 12;
/** Closer than this to the bottom counts as "reading the latest": new messages then scroll into view by themselves. */
const AT_BOTTOM_PX = 40;

/** The transcript as plain text, for "Copy transcript": one line per message with its author and full date. */
export const transcriptText = (messages: readonly MessageView[], t: Strings) =>
  messages.map((m) => `[${fullDate(m.createdAt, t.locale)}] ${authorOf(m, t)}: ${m.text}`).join('\n');

/**
 * The conversation like a chat: oldest at the top, opened scrolled to the newest at the bottom; earlier messages a
 * labelled button away; a day separator where the day changes; "Jump to latest" when the agent reads older
 * messages while new ones arrive (their place is kept, nothing scrolls under them).
 */
export function Transcript({ session, t, now, onRetry, onEarlier }: {
  session: SessionView;
  t: Strings;
  now: number;
  onRetry?: (messageId: string) => void;
  /** Up to `limit` messages before the message `before`, oldest first (undefined: they cannot be read now). */
  onEarlier?: (before: string, limit: number) => Promise<readonly MessageView[] | undefined>;
}) {
  const [count, setCount] = useState(FIRST_SCREEN_MESSAGES);
  useEffect(() => {
    // After the first screen is painted, when the browser is idle: the rest of the first page.
    const more = () => setCount((c) => Math.max(c, PAGE_MESSAGES));
    if (typeof requestIdleCallback === 'undefined') {
      const timer = setTimeout(more, 50);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(more, { timeout: 500 });
    return () => cancelIdleCallback(idle);
  }, []);
  const [unseen, setUnseen] = useState(false);
  const [copied, setCopied] = useState<'done' | 'failed'>();
  const [fetched, setFetched] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBefore = useRef(0);
  const lastId = useRef<string | undefined>(undefined);
  // The relay sends the newest window; earlier pages the agent asked for stay above it.
  const held = useRef<MessageView[]>([]);
  const all = useMemo(() => (held.current = withWindow(held.current, session.messages)), [session.messages, fetched]);
  const total = Math.max(session.messageCount ?? 0, all.length);
  const first = Math.max(0, all.length - count);
  const hidden = total - (all.length - first);
  const latest = all[all.length - 1]?.id;
  const firstId = all[first]?.id;
  /** Fetches `want` more earlier messages (a page at a time) and holds them; false if the relay could not say. */
  const fetchEarlier = async (want: number) => {
    let ok = true;
    for (let got = 0; ok && got < want && held.current.length < total && onEarlier;) {
      const page = await onEarlier(held.current[0]!.id, Math.min(500, want - got));
      ok = Boolean(page?.length);
      if (page) held.current = withEarlier(page, held.current);
      got += page?.length ?? 0;
    }
    setFetched((n) => n + 1);
    return ok;
  };
  useLayoutEffect(() => {
    const el = scroller.current!;
    if (heightBefore.current) {
      // Earlier messages were added above: keep the ones the agent was reading where they were.
      el.scrollTop += el.scrollHeight - heightBefore.current;
      heightBefore.current = 0;
    } else if (atBottom.current) el.scrollTop = el.scrollHeight;
    else if (latest !== lastId.current) setUnseen(true);
    lastId.current = latest;
  }, [latest, firstId]);

  // Reading the latest while the area grows or shrinks (the sidebar resizing, a message expanding): stay at the bottom.
  useEffect(() => {
    const el = scroller.current!;
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => atBottom.current && (el.scrollTop = el.scrollHeight));
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
    if (atBottom.current) setUnseen(false);
  };
  const jump = () => {
    scroller.current!.scrollTop = scroller.current!.scrollHeight;
    atBottom.current = true;
    setUnseen(false);
  };
  const copy = async () => {
    // Everything, not just what is on screen: the earlier messages are fetched first. Without them the agent would
    // paste a conversation missing its start, told it was copied: nothing is copied, and the card says why.
    setCopied(undefined);
    if (!(await fetchEarlier(total - held.current.length))) return setCopied('failed');
    const text = transcriptText(held.current, t);
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // The iframe may lack clipboard-write permission: copy through a selected textarea instead.
      const area = Object.assign(document.createElement('textarea'), { value: text });
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied('done');
  };

  const separators = handoffSeparators({ handoffs: session.handoffs, messages: all });
  const items = [];
  for (let i = first; i < all.length; i++) {
    const m = all[i]!;
    // A handoff starting at the first held message may start earlier still: no separator until that is known.
    if (i > 0 || total === all.length) for (const h of separators.get(i) ?? []) items.push(<HandoffSeparator key={`handoff-${h.sessionId}`} handoff={h} t={t} />);
    const day = startOfDay(Date.parse(m.createdAt));
    if (i === first || day !== startOfDay(Date.parse(all[i - 1]!.createdAt))) {
      items.push(<li key={`day-${day}-${i}`} class="day"><span>{dayLabel(m.createdAt, now, t.locale)}</span></li>);
    }
    items.push(<Message key={m.id} m={m} t={t} now={now} onRetry={onRetry} />);
  }
  for (const h of separators.get(all.length) ?? []) items.push(<HandoffSeparator key={`handoff-${h.sessionId}`} handoff={h} t={t} />);

  return (
    <section class="card conversation">
      <div class="card-head">
        <h2 id="conversation-title">{t.transcript}</h2>
        <button class="link" onClick={() => void copy()} onBlur={() => copied === 'done' && setCopied(undefined)} data-testid="copy-transcript">{copied === 'done' ? t.copied : t.copyTranscript}</button>
      </div>
      {copied === 'failed' && <p class="error inline" role="alert" data-testid="copy-failed">{t.copyIncomplete}</p>}
      {/* Focusable so a keyboard user can scroll it; labelled so a screen reader names it. */}
      <div class="scroller" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-labelledby="conversation-title">
        {hidden > 0 && (
          <button class="secondary earlier" data-testid="show-earlier" onClick={() => {
            heightBefore.current = scroller.current!.scrollHeight;
            const next = all.length - first + PAGE_MESSAGES;
            setCount(next);
            // Not held yet: fetched; if that fails the place the agent reads stays as it is.
            if (all.length < next) void fetchEarlier(next - all.length).then((ok) => ok || (heightBefore.current = 0));
          }}>{t.showEarlier.replace('{n}', String(Math.min(hidden, PAGE_MESSAGES)))}</button>
        )}
        <ol class="transcript" data-testid="transcript">{items}</ol>
      </div>
      {unseen && <button class="primary jump" onClick={jump} data-testid="jump-latest">{t.jumpToLatest} ↓</button>}
    </section>
  );
}

/**
 * Where a later escalation of the same conversation starts. A heading, not `role="separator"`: a list may only hold
 * list items, and agents using a screen reader can jump from one escalation to the next by heading.
 */
function HandoffSeparator({ handoff, t }: { handoff: Handoff; t: Strings }) {
  const reason = (t.reasons as Record<string, string>)[handoff.reason.code] ?? handoff.reason.code;
  const at = new Date(handoff.createdAt).toLocaleString(t.locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <li class="handoff-separator" data-testid="handoff-separator" data-session={handoff.sessionId}>
      <h3 title={handoff.reason.text ?? undefined}>{t.handedOffAgain} · {at} · {reason}</h3>
    </li>
  );
}
