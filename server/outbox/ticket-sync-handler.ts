import { planTicketSync } from '../core/ticket-sync.js';
import type { Helpdesk } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { messageView } from '../relay/views.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages } from '../store/messages.js';
import { findSession, getCommentCursor, setCommentCursor, type SessionRow } from '../store/sessions.js';
import type { HandlerOutcome } from './worker.js';
import { DeliveryError } from './delivery-error.js';

/**
 * Catches a session up with its ticket: relays new public agent replies (`message.created`), moves
 * the session to `human` on the first one, and to `returned` / back to `human` when the ticket is
 * solved / reopened. Reads Zendesk outside the transaction and decides inside it, on the locked row.
 */
export async function syncTicket(session: SessionRow, helpdesk: Helpdesk): Promise<HandlerOutcome> {
  if (!session.ticketId) {
    // Zendesk can call before the relay has recorded the ticket it just created: look again shortly.
    if (session.state === 'pending') throw new DeliveryError('the ticket is not recorded yet', 'transient');
    return {};
  }
  const activity = await helpdesk.fetchTicketActivity(session.ticketId);
  return {
    commit: async (tx) => {
      const fresh = await findSession(tx, session.id, { forUpdate: true });
      if (!fresh) return;
      const plan = planTicketSync(
        { state: fresh.state, cursor: await getCommentCursor(tx, fresh.id), requesterId: fresh.ticketRequesterId },
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
      await setCommentCursor(tx, fresh.id, plan.cursor);
      if (plan.statusEvent) {
        const type = plan.statusEvent;
        await applySessionEvent(tx, fresh.id, { type }, { cause: type === 'returned' ? 'ticket_solved' : 'ticket_reopened', strict: false });
      }
    },
  };
}
