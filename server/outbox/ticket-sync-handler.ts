import { planTicketSync } from '../core/ticket-sync.js';
import type { Queryable } from '../db/database.js';
import type { Helpdesk, TicketActivity, TicketComment } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { agentAnswered } from '../relay/waiting.js';
import { messageView } from '../relay/views.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages } from '../store/messages.js';
import { findSession, findSessionByTicket, hasNewerSession, type SessionRow } from '../store/sessions.js';
import {
  eventRelayedComments,
  forgetEventRelayedComments,
  isCommentRelayed,
  lockTicketCursor,
  recordEventRelayedComments,
  setTicketCursor,
} from '../store/ticket-cursors.js';
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
/** How long a trigger's catch-up waits for the comment_added event that makes its Zendesk read unneeded. */
export const EVENT_GRACE_MS = 5_000;
const EVENT_RECHECK_MS = 250;

/**
 * With event webhooks on, the agent-reply trigger names the comment it fired for (`comment_id`). The event
 * usually relays it first; then the catch-up has nothing to read. If the comment is still missing after
 * EVENT_GRACE_MS its event was lost (or is very late) and the catch-up reads the ticket as always.
 */
export interface AwaitedEvent {
  db: Queryable;
  commentId: string;
  queuedAt: Date;
  now?: () => number;
}

/**
 * Catches a ticket up: relays new public agent replies (`message.created`) for the session that is on
 * the ticket now, moves it to `human` on the first one, and to `returned` / back to the queue when the
 * ticket is solved or closed / reopened. Reads Zendesk outside the transaction and decides inside it,
 * with the ticket's cursor and the session locked, so two catch-ups of one ticket never relay twice.
 */
export async function syncTicket(session: SessionRow, helpdesk: Helpdesk, namedTicketId?: string, awaited?: AwaitedEvent): Promise<HandlerOutcome> {
  // The webhook (or the poll) names the ticket that changed: the session may have moved on from it to a follow-up.
  // Signed by Zendesk and matched to the session by the webhook route (or listed by the poll from session_tickets).
  const ticketId = session.ticketId ? (namedTicketId ?? session.ticketId) : null;
  if (!ticketId) {
    // Zendesk can call before the relay has recorded the ticket it just created: look again shortly. Not a
    // failure (the ticket's creation may itself be retried for a while), so it spends no attempt.
    if (session.state === 'pending') throw new DeliveryDeferred(TICKET_NOT_RECORDED_DELAY_MS);
    return {};
  }
  if (awaited && (await isCommentRelayed(awaited.db, session.tenantId, ticketId, awaited.commentId))) return {};
  if (awaited && (awaited.now?.() ?? Date.now()) - awaited.queuedAt.getTime() < EVENT_GRACE_MS) throw new DeliveryDeferred(EVENT_RECHECK_MS);
  const activity = await helpdesk.fetchTicketActivity(ticketId);
  return {
    commit: async (tx) => {
      await applyTicketActivity(tx, session, ticketId, activity, 'catch-up');
    },
  };
}

/**
 * Applies what is known of a ticket to the session that owns it, in the caller's transaction. A
 * `catch-up` read the whole ticket: it moves the cursor and the session's status. An `event` knows one
 * comment: it relays it unless already relayed, records it as relayed, and leaves the cursor and the
 * status alone (a lost earlier comment must still be found by the next catch-up; status comes from reads).
 * Returns how many replies were relayed.
 */
export async function applyTicketActivity(
  tx: Queryable,
  session: SessionRow,
  ticketId: string,
  activity: TicketActivity,
  mode: 'catch-up' | 'event',
): Promise<number> {
  const seen = await lockTicketCursor(tx, session.tenantId, ticketId);
  const relayed = await eventRelayedComments(tx, session.tenantId, ticketId);
  // The latest session on the ticket owns it: after a re-escalation that is the new one.
  const owner = (await findSessionByTicket(tx, session.tenantId, ticketId)) ?? session;
  const fresh = await findSession(tx, owner.id, { forUpdate: true });
  if (!fresh) return 0;
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
    { ...seen, relayed },
    activity,
  );
  if (plan.earlierReplies.length > 0 && fresh.previousSessionId) {
    const earlier = await findSession(tx, fresh.previousSessionId, { forUpdate: true });
    if (earlier) await relayReplies(tx, earlier, plan.earlierReplies);
  }
  if (plan.agentReplies.length > 0) {
    // The session as the event left it (applied or not), still locked: no second read.
    const { session: current } = await applySessionEvent(tx, fresh.id, { type: 'agent_replied' }, { cause: 'agent_reply', strict: false });
    await relayReplies(tx, current, plan.agentReplies);
    // Waiting timers: the no-agent timer is answered, an agent-silent silence ends (events and catch-ups alike).
    await agentAnswered(tx, fresh.id);
  }
  if (mode === 'event') {
    // Every comment of the event is accounted for now (relayed, or not one to relay), above the cursor.
    await recordEventRelayedComments(tx, session.tenantId, ticketId, activity.comments.map((c) => c.id).filter((id) => BigInt(id) > seen.cursor));
    return plan.agentReplies.length + plan.earlierReplies.length;
  }
  await setTicketCursor(tx, session.tenantId, ticketId, plan.cursor, activity.status);
  await forgetEventRelayedComments(tx, session.tenantId, ticketId, plan.cursor);
  if (plan.statusEvent) {
    const { type, cause } = plan.statusEvent;
    await applySessionEvent(tx, fresh.id, { type }, { cause, strict: false });
  }
  return plan.agentReplies.length + plan.earlierReplies.length;
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
