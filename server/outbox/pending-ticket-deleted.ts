import { DELETED_STATUS } from '../core/ticket-sync.js';
import type { Database } from '../db/database.js';
import type { Helpdesk } from '../helpdesk/helpdesk.js';
import { findSession, type SessionRow } from '../store/sessions.js';
import { prepareAcceptance } from './accept-ticket.js';
import { DeliveryDeferred } from './delivery-error.js';
import type { ScheduleCache } from './schedule-cache.js';
import { applyTicketActivity, TICKET_NOT_RECORDED_DELAY_MS } from './ticket-sync-handler.js';
import type { HandlerOutcome } from './worker.js';

/**
 * Zendesk says the ticket of a `pending` session was deleted: the ticket was created (an attempt whose answer was
 * lost, or one not committed yet) and an agent deleted it before the relay recorded it. Left to ticket.create, the
 * session could stay `pending` for the ten hours of its retries and then fail: its retry finds no ticket under the
 * external id any more, and once the transcript grew (the customer wrote meanwhile) Zendesk refuses the same
 * Idempotency-Key with another body. So the deleted ticket is recorded as the session's ticket, the handoff is
 * accepted, and the deletion returns it to the AI in the same transaction — what an open session whose ticket is
 * deleted gets, and what a retry that Zendesk answers with the deleted ticket leads to. A line the customer wrote
 * meanwhile then goes to a new ticket, as any line written to a deleted ticket does.
 */
export async function acceptDeletedTicket(
  deps: { db: Database; schedules: ScheduleCache; now: () => Date },
  session: SessionRow,
  hd: Helpdesk,
  ticketId: string,
): Promise<HandlerOutcome> {
  const activity = await hd.fetchTicketActivity(ticketId);
  // Restored (or the event was wrong): ticket.create records the ticket, then this catch-up reads it as any other.
  if (activity.status !== DELETED_STATUS) throw new DeliveryDeferred(TICKET_NOT_RECORDED_DELAY_MS);
  // The ticket's requester is not readable any more; a later line's new ticket names the end user as a first ticket does.
  const accept = await prepareAcceptance(deps, session, hd, { ticketId, requesterId: null });
  return {
    commit: async (tx) => {
      // A session that failed or ended meanwhile stays as it is; one recorded by ticket.create meanwhile is not recorded again.
      if ((await findSession(tx, session.id, { forUpdate: true }))?.state === 'pending') await accept(tx);
      const current = await findSession(tx, session.id, { forUpdate: true });
      if (current?.ticketId === ticketId) await applyTicketActivity(tx, current, ticketId, activity, 'catch-up');
    },
  };
}
