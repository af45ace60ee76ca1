import { planTicketSync } from '../core/ticket-sync.js';
import type { Helpdesk } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { messageView } from '../relay/views.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages } from '../store/messages.js';
import { findSession, findSessionByTicket, hasNewerSession, type SessionRow } from '../store/sessions.js';
import { lockTicketCursor, setTicketCursor } from '../store/ticket-cursors.js';
import type { HandlerOutcome } from './worker.js';
import { DeliveryDeferred, DeliveryError } from './delivery-error.js';

/** How soon a catch-up that came before its ticket was recorded looks again. */
export const TICKET_NOT_RECORDED_DELAY_MS = 500;

/**
 * Catches a ticket up: relays new public agent replies (`message.created`) for the session that is on
 * the ticket now, moves it to `human` on the first one, and to `returned` / back to the queue when the
 * ticket is solved or closed / reopened. Reads Zendesk outside the transaction and decides inside it,
 * with the ticket's cursor and the session locked, so two catch-ups of one ticket never relay twice.
 */
export async function syncTicket(session: SessionRow, helpdesk: Helpdesk): Promise<HandlerOutcome> {
  if (!session.ticketId) {
    // Zendesk can call before the relay has recorded the ticket it just created: look again shortly. Not a
    // failure (the ticket's creation may itself be retried for a while), so it spends no attempt.
    if (session.state === 'pending') throw new DeliveryDeferred(TICKET_NOT_RECORDED_DELAY_MS);
    return {};
  }
  const ticketId = session.ticketId;
  const activity = await helpdesk.fetchTicketActivity(ticketId);
  return {
    commit: async (tx) => {
      const seen = await lockTicketCursor(tx, session.tenantId, ticketId);
      // The latest session on the ticket owns it: after a re-escalation that is the new one.
      const owner = (await findSessionByTicket(tx, session.tenantId, ticketId)) ?? session;
      const fresh = await findSession(tx, owner.id, { forUpdate: true });
      if (!fresh) return;
      // The session moved to a follow-up ticket meanwhile: this look is about a ticket it left.
      if (fresh.ticketId !== ticketId) throw new DeliveryError('the session moved to another ticket; looking again', 'transient');
      const plan = planTicketSync(
        {
          state: fresh.state,
          requesterId: fresh.ticketRequesterId,
          hadAgentReply: fresh.firstReplyAt !== null,
          isLatest: !(await hasNewerSession(tx, fresh)),
        },
        seen,
        activity,
      );
      if (plan.agentReplies.length > 0) {
        await applySessionEvent(tx, fresh.id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: false });
        const rows = await appendMessages(
          tx,
          fresh.id,
          fresh.messageCount + 1,
          'helpdesk',
          plan.agentReplies.map((c) => ({
            messageId: `zd-${c.id}`,
            role: 'agent' as const,
            text: c.text,
            attachments: [],
            authorName: c.authorName,
            createdAt: c.createdAt,
          })),
        );
        await enqueue(tx, rows.map((m) => platformEvent(fresh, 'message.created', { message: messageView(m) })));
      }
      await setTicketCursor(tx, session.tenantId, ticketId, plan.cursor, activity.status);
      if (plan.statusEvent) {
        const { type, cause } = plan.statusEvent;
        await applySessionEvent(tx, fresh.id, { type }, { cause, strict: false });
      }
    },
  };
}
