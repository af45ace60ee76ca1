import { planTicketSync } from '../core/ticket-sync.js';
import type { Queryable } from '../db/database.js';
import type { Helpdesk, TicketComment } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { agentAnswered } from '../relay/waiting.js';
import { messageView } from '../relay/views.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages } from '../store/messages.js';
import { findSession, findSessionByTicket, hasNewerSession, type SessionRow } from '../store/sessions.js';
import { lockTicketCursor, setTicketCursor } from '../store/ticket-cursors.js';
import type { HandlerOutcome } from './worker.js';
import { DeliveryDeferred } from './delivery-error.js';

/** How soon a catch-up that came before its ticket was recorded looks again. */
export const TICKET_NOT_RECORDED_DELAY_MS = 500;

/**
 * Catches a ticket up: relays new public agent replies (`message.created`) for the session that is on
 * the ticket now, moves it to `human` on the first one, and to `returned` / back to the queue when the
 * ticket is solved or closed / reopened. Reads Zendesk outside the transaction and decides inside it,
 * with the ticket's cursor and the session locked, so two catch-ups of one ticket never relay twice.
 */
export async function syncTicket(session: SessionRow, helpdesk: Helpdesk, namedTicketId?: string): Promise<HandlerOutcome> {
  // The webhook (or the poll) names the ticket that changed: the session may have moved on from it to a follow-up.
  // Signed by Zendesk and matched to the session by the webhook route (or listed by the poll from session_tickets).
  const ticketId = session.ticketId ? (namedTicketId ?? session.ticketId) : null;
  if (!ticketId) {
    // Zendesk can call before the relay has recorded the ticket it just created: look again shortly. Not a
    // failure (the ticket's creation may itself be retried for a while), so it spends no attempt.
    if (session.state === 'pending') throw new DeliveryDeferred(TICKET_NOT_RECORDED_DELAY_MS);
    return {};
  }
  const activity = await helpdesk.fetchTicketActivity(ticketId);
  return {
    commit: async (tx) => {
      const seen = await lockTicketCursor(tx, session.tenantId, ticketId);
      // The latest session on the ticket owns it: after a re-escalation that is the new one.
      const owner = (await findSessionByTicket(tx, session.tenantId, ticketId)) ?? session;
      const fresh = await findSession(tx, owner.id, { forUpdate: true });
      if (!fresh) return;
      // The session moved on to a follow-up ticket (this one was closed): replies written here before the
      // close are still relayed, but this ticket's status no longer says anything about the session.
      const onThisTicket = fresh.ticketId === ticketId;
      const plan = planTicketSync(
        {
          state: fresh.state,
          requesterId: fresh.ticketRequesterId,
          hadAgentReply: fresh.firstReplyAt !== null,
          isLatest: onThisTicket && !(await hasNewerSession(tx, fresh)),
          startCommentId: typeof fresh.routing.startCommentId === 'string' && onThisTicket ? BigInt(fresh.routing.startCommentId) : null,
        },
        seen,
        activity,
      );
      if (plan.earlierReplies.length > 0 && fresh.previousSessionId) {
        const earlier = await findSession(tx, fresh.previousSessionId, { forUpdate: true });
        if (earlier) await relayReplies(tx, earlier, plan.earlierReplies);
      }
      if (plan.agentReplies.length > 0) {
        await applySessionEvent(tx, fresh.id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: false });
        await relayReplies(tx, (await findSession(tx, fresh.id))!, plan.agentReplies);
        await agentAnswered(tx, fresh.id);
      }
      await setTicketCursor(tx, session.tenantId, ticketId, plan.cursor, activity.status);
      if (plan.statusEvent) {
        const { type, cause } = plan.statusEvent;
        await applySessionEvent(tx, fresh.id, { type }, { cause, strict: false });
      }
    },
  };
}

/** Records agent replies in the session's transcript and announces each to the AI platform (`message.created`). */
async function relayReplies(tx: Queryable, session: SessionRow, replies: readonly TicketComment[]): Promise<void> {
  const rows = await appendMessages(
    tx,
    session.id,
    session.messageCount + 1,
    'helpdesk',
    replies.map((c) => ({ messageId: `zd-${c.id}`, role: 'agent' as const, text: c.text, attachments: [], authorName: c.authorName, createdAt: c.createdAt })),
  );
  await enqueue(tx, rows.map((m) => platformEvent(session, 'message.created', { message: messageView(m) })));
}
