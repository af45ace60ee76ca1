import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LoadResult, RelayApi } from '../api.js';
import { createQueryClient, useQuery } from '../query.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';
import { SessionActions } from './SessionActions.js';
import { SessionHeader } from './SessionHeader.js';
import { Transcript } from './Transcript.js';
import { WhyCard } from './WhyCard.js';

/** Polling through Zendesk's proxy, gently: the proxy is rate-limited per app. */
export const POLL_MS = 10_000;

export function Sidebar({ api, ticketId, t, agentName, onRendered }: {
  api: RelayApi;
  ticketId: string;
  t: Strings;
  /** The Zendesk agent using the sidebar (ZAF `currentUser.name`), named in the ticket's note on Return to AI. */
  agentName?: string;
  onRendered?: () => void;
}) {
  const queryClient = useMemo(createQueryClient, []);
  const queryKey = useMemo(() => ['session', ticketId], [ticketId]);
  const [live, setLive] = useState(false);
  // Polling is the fallback; while the live stream is open it only runs rarely.
  const query = useQuery<LoadResult>(queryClient, { queryKey, queryFn: () => api.load(ticketId), refetchInterval: live ? POLL_MS * 6 : POLL_MS });
  const result = query.data;
  const setResult = useCallback((next: LoadResult) => queryClient.setQueryData(queryKey, next), [queryClient, queryKey]);
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
  const stateBadge = useRef<HTMLSpanElement>(null);
  // After an action the focus goes to its result, the session's new state (the control that was used is gone).
  const [focusState, setFocusState] = useState(0);
  useEffect(() => {
    if (focusState) stateBadge.current?.focus();
  }, [focusState]);
  const showActionResult = useCallback((session: SessionView) => {
    setResult({ kind: 'session', session });
    setFocusState((n) => n + 1);
  }, [setResult]);
  const [showAll, setShowAll] = useState(false);
  const sessionId = result?.kind === 'session' ? result.session.id : undefined;
  useEffect(() => {
    if (!sessionId || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let closed = false;
    void api.streamUrl(sessionId).then((url) => {
      if (!url || closed) return;
      source = new EventSource(url);
      source.addEventListener('open', () => setLive(true));
      source.addEventListener('session', (e) => setResult(api.parse((e as MessageEvent<string>).data)));
      // Blocked or expired: back to polling (the token lasts 15 minutes; a reload of the ticket gets a new one).
      source.addEventListener('error', () => {
        source?.close();
        setLive(false);
      });
    });
    return () => {
      closed = true;
      source?.close();
    };
  }, [api, sessionId, setResult]);
  useEffect(() => onRendered?.(), [result, showAll, onRendered]);

  if (!result) return <p class="muted">{t.loading}</p>;
  if (result.kind === 'none') return <p class="empty" data-testid="empty">{t.none}</p>;
  if (result.kind === 'error') return <p class="error" role="alert" data-testid="error">{t[result.problem]}</p>;
  const session = result.session;
  const canReturn = session.state === 'waiting' || session.state === 'human';
  return (
    <main>
      <SessionHeader session={session} t={t} now={Date.now()} stateRef={stateBadge} />
      <WhyCard session={session} t={t} />
      {canReturn && (
        <SessionActions session={session} api={api} t={t} agentName={agentName} onSession={showActionResult} onConflict={() => void refresh()} />
      )}
      <Transcript session={session} t={t} showAll={showAll} onShowAll={() => setShowAll(true)} onRetry={(messageId) => void api.retryDelivery(session.id, messageId).then(refresh)} />
    </main>
  );
}
