import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { LoadError, type LoadResult, type RelayApi } from '../api.js';
import { backoffMs } from '../backoff.js';
import { warmFormatters } from '../format.js';
import type { Strings } from '../i18n.js';
import { usePolled } from '../query.js';
import type { SessionView } from '../schema.js';
import { announcement } from './announce.js';
import { SessionActions } from './SessionActions.js';
import { SessionHeader } from './SessionHeader.js';
import { StatusBanner } from './StatusBanner.js';
import { Transcript } from './Transcript.js';
import { WhyCard } from './WhyCard.js';

/** Polling through Zendesk's proxy, gently: the proxy is rate-limited per app. */
export const POLL_MS = 10_000;

export function Sidebar({ api, ticketId, t, agentName, onRendered, onVisible, onOpenTicket, retryDelay = backoffMs, pollMs = POLL_MS }: {
  api: RelayApi;
  ticketId: string;
  t: Strings;
  /** The Zendesk agent using the sidebar (ZAF `currentUser.name`), named in the ticket's note on Return to AI. */
  agentName?: string;
  onRendered?: () => void;
  /** Whether the app is worth its space: false on a ticket without a handoff (the app hides itself). */
  onVisible?: (visible: boolean) => void;
  /** Opens another ticket in Zendesk (the customer's earlier handoffs). */
  onOpenTicket?: (ticketId: string) => void;
  /** The wait before each retry after a failure, and between polls (tests run the same policy on a faster clock). */
  retryDelay?: (failures: number) => number;
  pollMs?: number;
}) {
  const [live, setLive] = useState(false);
  // Polling is the fallback; while the live stream is open it only runs rarely. A failed load is retried with
  // back-off and the last data stays on screen meanwhile.
  const query = usePolled<LoadResult>(() => api.load(ticketId), { key: ticketId, pollMs: live ? pollMs * 6 : pollMs, retryDelay });
  const result = query.data;
  const { set, refresh } = query;
  const setSession = useCallback((session: SessionView) => set({ kind: 'session', session }), [set]);
  useEffect(() => {
    // After the first load is sent, not before it: warming runs while the answer is on its way.
    const timer = setTimeout(() => warmFormatters(t.locale));
    return () => clearTimeout(timer);
  }, [t]);
  const stateBadge = useRef<HTMLSpanElement>(null);
  // After an action the focus goes to its result, the session's new state (the control that was used is gone).
  const [focusState, setFocusState] = useState(0);
  useEffect(() => {
    if (focusState) stateBadge.current?.focus();
  }, [focusState]);
  const showActionResult = useCallback((session: SessionView) => {
    setSession(session);
    setFocusState((n) => n + 1);
  }, [setSession]);
  // The agent's note for the AI: here rather than in the actions, so that one not sent survives the session moving on.
  const [note, setNote] = useState('');

  // The live stream: reopened by itself with a fresh token (tokens expire; the relay may restart), with back-off.
  const sessionId = result?.kind === 'session' ? result.session.id : undefined;
  const [streamTry, setStreamTry] = useState(0);
  const streamFailures = useRef(0);
  useEffect(() => {
    if (!sessionId || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const again = () => {
      source?.close();
      setLive(false);
      if (!closed) timer = setTimeout(() => setStreamTry((n) => n + 1), retryDelay(++streamFailures.current));
    };
    void api.streamUrl(sessionId, ticketId).then((url) => {
      if (closed) return;
      if (!url) return again();
      source = new EventSource(url);
      source.addEventListener('open', () => {
        streamFailures.current = 0;
        setLive(true);
        // Back after an outage: read now rather than at the poll's next back-off step.
        refresh();
      });
      source.addEventListener('session', (e) => {
        const session = api.parse((e as MessageEvent<string>).data);
        if (session) setSession(session);
      });
      source.addEventListener('error', again);
    });
    return () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [api, sessionId, ticketId, setSession, refresh, retryDelay, streamTry]);

  // Messages come ordered by the time they were written, ties by arrival (the relay's mergeHistory).
  const session = result?.kind === 'session' ? result.session : undefined;
  // What a screen reader hears without leaving the ticket: new customer messages and state changes.
  const previous = useRef<SessionView | undefined>(undefined);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const next = session && previous.current && announcement(previous.current, session, t);
    if (next) setSaid(next);
    previous.current = session;
  }, [session, t]);
  const visible = result ? result.kind === 'session' : undefined;
  useEffect(() => {
    if (visible !== undefined) onVisible?.(visible);
  }, [visible, onVisible]);
  useEffect(() => onRendered?.(), [result, query.failureCount, onRendered]);

  // When the relay went away: kept across retries, cleared by the first success.
  const downSince = useRef<number | undefined>(undefined);
  if (query.failureCount === 0) downSince.current = undefined;
  else downSince.current ??= Date.now();
  const problem = query.failureCount === 0 ? undefined : query.failureReason instanceof LoadError ? query.failureReason.problem : 'unexpected';
  const now = Date.now();
  return (
    <main>
      <h1 class="sr-only">{t.title}</h1>
      <p class="sr-only" aria-live="polite">{said}</p>
      {problem && <StatusBanner problem={problem} since={downSince.current!} t={t} />}
      {!result ? (
        !problem && <p class="muted">{t.loading}</p>
      ) : !session ? (
        <p class="empty" data-testid="empty">{t.none}</p>
      ) : (
        <>
          <SessionHeader session={session} t={t} now={now} stateRef={stateBadge} />
          <WhyCard session={session} t={t} onOpenTicket={onOpenTicket} />
          {(session.state === 'waiting' || session.state === 'human' || note.trim() !== '') && (
            <SessionActions session={session} api={api} t={t} agentName={agentName} note={note} onNote={setNote} onSession={showActionResult} onLatest={setSession}
              onConflict={() => void refresh()} onDiscard={() => {
                setNote('');
                setFocusState((n) => n + 1);
              }} />
          )}
          <Transcript session={session} t={t} now={now} onRetry={(messageId) => void api.retryDelivery(session.id, messageId).then(refresh)}
            onEarlier={(before, limit) => api.earlier(session.id, before, limit).then((page) => page?.messages)} />
        </>
      )}
    </main>
  );
}
