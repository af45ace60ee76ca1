import type { Database, Queryable } from '../db/database.js';
import type { Helpdesk } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { findSession, setStartComment, setTicket, type SessionRow } from '../store/sessions.js';
import type { ScheduleCache } from './schedule-cache.js';
import { prepareWaiting } from './waiting-start.js';

export interface CreatedTicket {
  ticketId: string;
  requesterId: string | null;
  startCommentId?: string | undefined;
}

/**
 * The session's ticket exists: reads what the wait depends on now (outside the transaction), and returns the commit
 * that records the ticket and accepts the handoff (`pending` → `waiting`, `handoff.accepted` with the wait, the
 * waiting row and its timer), all or nothing. The commit answers whether it accepted the handoff.
 */
export async function prepareAcceptance(
  deps: { db: Database; schedules: ScheduleCache; now: () => Date },
  session: SessionRow,
  hd: Helpdesk,
  created: CreatedTicket,
): Promise<(tx: Queryable) => Promise<boolean>> {
  const { ticketId, requesterId, startCommentId } = created;
  const waiting = await prepareWaiting(deps, session, hd);
  return async (tx) => {
    // Recorded meanwhile (a replayed task, or a deletion heard first: outbox/pending-ticket-deleted.ts): the session
    // may have moved on to a follow-up ticket since, which this must not overwrite.
    if ((await findSession(tx, session.id, { forUpdate: true }))?.ticketId) return false;
    await setTicket(tx, session, ticketId, requesterId);
    if (startCommentId) await setStartComment(tx, session.id, startCommentId);
    const outcome = await applySessionEvent(tx, session.id, { type: 'ticket_created' }, {
      cause: 'ticket_created',
      strict: false,
      extraData: { ticketId },
      acceptedMessage: waiting.data.handoffMessage,
      extraDeliveries: (s) => [
        platformEvent({ ...s, ticketId }, 'handoff.accepted', {
          ticketId,
          state: s.state,
          version: s.version,
          ...waiting.data,
        }),
      ],
    });
    if (outcome.applied) await waiting.commit(tx, { ...outcome.session, ticketId });
    return outcome.applied;
  };
}
