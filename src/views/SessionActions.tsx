import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionResult, RelayApi } from '../api.js';
import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

/** `state`: the session's state when the action failed. */
type Failure = { action: 'return' | 'takeOver'; problem: Extract<ActionResult, { kind: 'failed' }>['problem']; state: SessionView['state'] };

/**
 * What an agent can do with a live handoff: take over a waiting session before replying, and return it to the AI
 * after an inline confirmation that says what happens to the ticket. A failure is shown here, beside the control;
 * the note is kept and the rest of the sidebar stays as it was. Take over is the primary action; Return to AI, which
 * hands the customer back to the bot and changes the ticket, is a secondary one behind its confirmation.
 *
 * A note that was never sent outlives the actions: once the session is no longer the agent's to return (someone else
 * returned it first, or it ended), the box stays, read-only, with a word saying the note was not sent, until the agent
 * discards it. The note lives in the sidebar for that reason (this section comes and goes with the session's state).
 */
export function SessionActions({ session, api, t, agentName, note, onNote, onSession, onLatest, onConflict, onDiscard }: {
  session: SessionView;
  api: RelayApi;
  t: Strings;
  agentName?: string;
  note: string;
  onNote: (note: string) => void;
  /** The session as the relay answered it (the sidebar shows it and moves focus to its state). */
  onSession: (session: SessionView) => void;
  /** The session as it is now, shown without moving the focus (it goes to the note that was not sent). */
  onLatest: (session: SessionView) => void;
  /** The session moved on meanwhile (409): the sidebar reloads it. */
  onConflict: () => void;
  /** The agent let go of a note that was not sent. */
  onDiscard: () => void;
}) {
  const actionable = session.state === 'waiting' || session.state === 'human';
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const returnButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const takeOverButton = useRef<HTMLButtonElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  // The Return to AI being attempted: kept through failures so a retry is the same action to the relay (which may have
  // returned the session on a try whose answer was lost), dropped once the relay answered.
  const returnKey = useRef<string | undefined>(undefined);
  // Focus follows the confirmation in and out, so a keyboard or screen-reader user never lands on <body>.
  const [focusAfter, setFocusAfter] = useState<'confirm' | 'return' | 'takeOver' | 'note'>();
  useEffect(() => {
    if (!focusAfter) return;
    ({ confirm: confirmButton, return: returnButton, takeOver: takeOverButton, note: noteBox })[focusAfter].current?.focus();
    setFocusAfter(undefined);
  }, [focusAfter]);
  // A confirmation left open when the session moved on must not come back by itself if it is ever reopened.
  useEffect(() => {
    if (!actionable) setConfirming(false);
  }, [actionable]);

  const run = async (action: Failure['action'], call: () => Promise<ActionResult>) => {
    // aria-disabled instead of disabled while the request runs: a disabled button would drop the keyboard focus.
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    const result = await call();
    setBusy(false);
    if (result.kind !== 'failed') returnKey.current = undefined;
    if (result.kind === 'alreadyReturned' && note.trim()) {
      // Not sent: the note stays in the box, where the agent can copy it, and the section says why.
      setConfirming(false);
      onLatest(result.session);
      setFocusAfter('note');
      return;
    }
    if (result.kind !== 'failed') {
      setConfirming(false);
      if (action === 'return') onNote('');
      onSession(result.session);
      return;
    }
    setFailure({ action, problem: result.problem, state: session.state });
    if (result.problem === 'conflict') onConflict();
    setFocusAfter(action === 'return' ? 'confirm' : 'takeOver');
  };
  const confirmReturn = () => run('return', () => api.returnToAi(session.id, note.trim(), agentName, (returnKey.current ??= actionKey())));
  const takeOver = () => run('takeOver', () => api.takeOver(session.id, agentName));
  const cancel = () => {
    setConfirming(false);
    setFailure(undefined);
    setFocusAfter('return');
  };

  const effect = session.ticketId && session.returnToAiTicketStatus ? t[`effect_${session.returnToAiTicketStatus}`] : undefined;
  // Once the session has moved on (another agent, the platform), "could not be taken over, try again" no longer says
  // what is true; a conflict's explanation stays, as it is about that very change.
  const error = failure && (failure.problem === 'conflict' || failure.state === session.state) && (
    <p class="error inline" role="alert" data-testid="action-error">
      {failure.problem === 'conflict' ? t.changedMeanwhile : failure.action === 'return' ? t.returnFailed : t.takeOverFailed}
    </p>
  );
  return (
    <section class="card actions">
      {/* First in both modes: the same element stays, so an agent typing when the session moves on keeps the focus. */}
      <textarea ref={noteBox} aria-label={t.noteForAi} placeholder={t.noteForAi} value={note} readOnly={!actionable}
        onInput={(e) => onNote((e.target as HTMLTextAreaElement).value)} maxLength={2000} data-testid="note" />
      {!actionable ? (
        <>
          <p class="error inline" role="alert" data-testid="note-not-sent">{session.state === 'returned' ? t.noteNotSent : t.noteNotSentChanged}</p>
          <div class="buttons">
            <button class="secondary" onClick={onDiscard} data-testid="discard-note">{t.discardNote}</button>
          </div>
        </>
      ) : confirming ? (
        <div class="confirm" role="group" aria-labelledby="confirm-return-title" aria-describedby={effect ? 'confirm-return-effect' : undefined} data-testid="return-confirm">
          <p id="confirm-return-title"><strong>{t.confirmReturn}</strong></p>
          {effect && <p id="confirm-return-effect" data-testid="return-effect">{effect}</p>}
          {failure?.action === 'return' && error}
          <div class="buttons">
            <button ref={confirmButton} class="primary" aria-disabled={busy} aria-describedby={effect ? 'confirm-return-effect' : undefined} onClick={() => void confirmReturn()} data-testid="confirm-return">{t.confirm}</button>
            <button class="secondary" onClick={cancel} data-testid="cancel-return">{t.cancel}</button>
          </div>
        </div>
      ) : (
        <>
          {failure?.action === 'takeOver' && error}
          <div class="buttons">
            {session.state === 'waiting' && (
              <button ref={takeOverButton} class="primary" aria-disabled={busy} onClick={() => void takeOver()} data-testid="take-over">{t.takeOver}</button>
            )}
            <button
              ref={returnButton}
              class="secondary"
              aria-disabled={busy}
              onClick={() => {
                setFailure(undefined);
                setConfirming(true);
                setFocusAfter('confirm');
              }}
              data-testid="return-to-ai"
            >
              {t.returnToAi}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** A key no other action shares (randomUUID needs a secure context, which Zendesk's https iframe is). */
function actionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
