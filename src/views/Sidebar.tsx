import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { LoadResult, RelayApi } from '../api.js';
import { createQueryClient, useQuery } from '../query.js';
import type { Strings } from '../i18n.js';
import { SessionHeader } from './SessionHeader.js';
import { Transcript } from './Transcript.js';
import { WhyCard } from './WhyCard.js';

/** Polling through Zendesk's proxy, gently: the proxy is rate-limited per app. */
export const POLL_MS = 10_000;

export function Sidebar({ api, ticketId, t, onRendered }: { api: RelayApi; ticketId: string; t: Strings; onRendered?: () => void }) {
  const queryClient = useMemo(createQueryClient, []);
  const queryKey = useMemo(() => ['session', ticketId], [ticketId]);
  const [live, setLive] = useState(false);
  // Polling is the fallback; while the live stream is open it only runs rarely.
  const query = useQuery<LoadResult>(queryClient, { queryKey, queryFn: () => api.load(ticketId), refetchInterval: live ? POLL_MS * 6 : POLL_MS });
  const result = query.data;
  const setResult = useCallback((next: LoadResult) => queryClient.setQueryData(queryKey, next), [queryClient, queryKey]);
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
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
  const returnToAi = async () => {
    setBusy(true);
    const next = await api.returnToAi(session.id, note.trim());
    setBusy(false);
    setNote('');
    setResult(next);
  };
  return (
    <main>
      <SessionHeader session={session} t={t} now={Date.now()} />
      <WhyCard session={session} t={t} />
      {canReturn && (
        <section class="card actions">
          <textarea placeholder={t.noteForAi} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} maxLength={2000} />
          <button class="primary" disabled={busy} onClick={() => void returnToAi()} data-testid="return-to-ai">{t.returnToAi}</button>
        </section>
      )}
      <Transcript session={session} t={t} showAll={showAll} onShowAll={() => setShowAll(true)} onRetry={(messageId) => void api.retryDelivery(session.id, messageId).then(refresh)} />
    </main>
  );
}
