import type { Queryable } from '../db/database.js';
import { DeliveryDeferred } from './delivery-error.js';
import { TicketClosedError, type Helpdesk } from '../helpdesk/helpdesk.js';
import { applySessionEvent } from '../relay/session-events.js';
import { findSession, hasNewerSession, setTicket, type SessionRow } from '../store/sessions.js';

/** How soon a line waits again for the ticket of the handoff that came after its own. */
const SUCCESSOR_TICKET_WAIT_MS = 500;

/** Keys of the follow-up a session gets when its ticket `closedTicketId` was closed: stable, so a retry finds it. */
export const followUpKeys = (sessionId: string, closedTicketId: string) => ({
  idempotencyKey: `baton-followup-${sessionId}-${closedTicketId}`,
  externalId: `baton:${sessionId}:followup-${closedTicketId}`,
});

/**
 * Writes to the session's ticket; when Zendesk says that ticket is closed (final) or full, opens a
 * follow-up ticket (`via_followup_source_id`, with a private note linking both), writes there, and
 * returns the commit that moves the session onto it. Nothing the relay accepted is dropped because
 * an agent or an automation closed the ticket first.
 */
export async function writeFollowingTicket(
  helpdesk: Helpdesk,
  session: SessionRow,
  ticketId: string,
  write: (ticketId: string, session: SessionRow) => Promise<void>,
  newestSuccessor: () => Promise<SessionRow | undefined>,
  /** Whether this session still has a ticket status write queued, which the successor's ticket creation waits for. */
  successorWaitsForThis: () => Promise<boolean> = async () => false,
): Promise<((tx: Queryable) => Promise<void>) | undefined> {
  let gone: boolean;
  try {
    await write(ticketId, session);
    return undefined;
  } catch (error) {
    if (!(error instanceof TicketClosedError)) throw error;
    gone = error.gone;
  }
  const keys = followUpKeys(session.id, ticketId);
  // An earlier attempt may have opened our follow-up already (and written there): continue on it.
  const own = await helpdesk.findTicket(keys.externalId);
  if (own && own.status !== 'closed') {
    const moved: SessionRow = { ...session, ticketId: own.ticketId, ticketRequesterId: own.requesterId ?? session.ticketRequesterId };
    await write(own.ticketId, moved);
    return (tx) => moveToFollowUp(tx, session.id, ticketId, own);
  }
  // The conversation was handed off again meanwhile: its newest handoff owns the open ticket (one per
  // conversation), so the late words go there rather than to a second follow-up.
  const successor = await newestSuccessor();
  // Waiting for the successor's ticket is right unless that ticket waits for this session: its creation holds until
  // this session's Return to AI (queued behind these words) reached the ticket, so neither would ever move. Then the
  // words open this session's follow-up now, and the successor continues on it (its earlier ticket, once recorded).
  const waitForSuccessor = successor !== undefined && !successor.ticketId && !(await successorWaitsForThis());
  if (waitForSuccessor) throw new DeliveryDeferred(SUCCESSOR_TICKET_WAIT_MS);
  if (successor?.ticketId) {
    try {
      await write(successor.ticketId, { ...session, ticketId: successor.ticketId, ticketRequesterId: successor.ticketRequesterId });
      return undefined;
    } catch (error) {
      // Closed as well: the words get a follow-up of their own below.
      if (!(error instanceof TicketClosedError)) throw error;
    }
  }
  const followUp = await helpdesk.createFollowUp({ closedTicketId: ticketId, closedTicketGone: gone, session, ...keys, isRetry: false });
  const moved: SessionRow = { ...session, ticketId: followUp.ticketId, ticketRequesterId: followUp.requesterId ?? session.ticketRequesterId };
  await write(followUp.ticketId, moved);
  return (tx) => moveToFollowUp(tx, session.id, ticketId, followUp);
}

async function moveToFollowUp(tx: Queryable, sessionId: string, closedTicketId: string, followUp: { ticketId: string; requesterId: string | null }) {
  const session = await findSession(tx, sessionId, { forUpdate: true });
  if (!session || session.ticketId !== closedTicketId) return; // moved already (a replayed attempt)
  await setTicket(tx, session, followUp.ticketId, followUp.requesterId ?? session.ticketRequesterId);
  // The close had returned the session to the AI, but the customer's words now wait for a person again.
  if (session.state === 'returned' && !(await hasNewerSession(tx, session))) {
    await applySessionEvent(tx, session.id, { type: 'requeued' }, {
      cause: 'followup_ticket',
      strict: false,
      extraData: { ticketId: followUp.ticketId, previousTicketId: closedTicketId },
    });
  }
}
