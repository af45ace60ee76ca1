import type { Database, Queryable } from '../db/database.js';
import type { TicketComment } from '../helpdesk/helpdesk.js';
import { BatonError } from '../core/errors.js';
import { enqueue } from '../store/deliveries.js';
import { findSession, findSessionByTicket, type SessionRow } from '../store/sessions.js';
import { hasPendingSync, recordInvocation } from '../store/zendesk-inbox.js';
import { BATON_TAG } from './helpdesk.js';
import { COMMENT_ADDED, commentOf, DELETION_EVENTS, isSessionStatusChange, relayCommentEvent, STATUS_CHANGED, TicketEventSchema } from './ticket-events.js';

/** What one event-subscription webhook asks of the relay, once read and checked. */
export interface TicketEventWork {
  tenantId: string;
  /** The key its invocation is remembered under (Zendesk may send an event twice). */
  invocationId: string;
  type: string;
  ticketId: string;
  externalId: string | null;
  /** The public staff comment of a comment_added event; undefined for a status change or a deletion. */
  comment: TicketComment | undefined;
  status: string;
}

/** The session a ticket belongs to: recorded on it, or (before the relay recorded the new ticket) named by its external id. */
export async function sessionOfTicket(tx: Queryable, tenantId: string, ticketId: string, externalId: string | null | undefined): Promise<SessionRow | undefined> {
  const bySession = /^baton:(ses_[a-z0-9]{1,80})(?::followup-\d{1,20})?$/.exec(externalId ?? '')?.[1];
  return (await findSessionByTicket(tx, tenantId, ticketId)) ?? (bySession ? await findSession(tx, bySession, { tenantId }) : undefined);
}

export type EventOutcome = 'relayed' | 'queued' | 'already_queued' | 'duplicate' | 'unknown_ticket' | 'ignored';

/**
 * An event-subscription webhook call, checked and reduced to what the relay acts on: `ignored` when it
 * concerns nothing of Baton's (no database work), else the work for one transaction (see event-ingest.ts).
 */
export function readTicketEvent(tenantId: string, json: unknown): TicketEventWork | 'ignored' {
  const parsed = TicketEventSchema.safeParse(json);
  if (!parsed.success) throw new BatonError('validation_failed', 'Malformed Zendesk event.', { issues: parsed.error.issues });
  const event = parsed.data;
  // The event webhook hears every ticket of the account: only Baton's tickets concern the relay.
  if (event.detail.tags && !event.detail.tags.includes(BATON_TAG)) return 'ignored';
  const comment = event.type === COMMENT_ADDED ? commentOf(event) : undefined;
  if (event.type === COMMENT_ADDED && !comment) throw new BatonError('validation_failed', 'A comment_added event without its comment.');
  // Internal notes and end users' comments (the customer's lines the relay wrote, its transcript notes) are never
  // relayed: no database work for them. A catch-up passing over them decides the same.
  if (comment && (!comment.public || !comment.authorIsStaff)) return 'ignored';
  if (event.type !== COMMENT_ADDED && event.type !== STATUS_CHANGED && !DELETION_EVENTS.includes(event.type)) return 'ignored';
  // Only solving, closing and reopening move a session; new → open (an agent's first reply) does not.
  if (event.type === STATUS_CHANGED && !isSessionStatusChange(event)) return 'ignored';
  return {
    tenantId,
    invocationId: `event:${event.id}`.slice(0, 200),
    type: event.type,
    ticketId: event.detail.id,
    externalId: event.detail.external_id ?? null,
    comment,
    status: event.detail.status ?? 'open',
  };
}

/**
 * One event in the caller's transaction, after its invocation was remembered (Zendesk may send it twice):
 * matched to a session, then either relayed at once (a comment) or turned into a catch-up (a status
 * change, or a comment that came before the relay recorded its ticket).
 */
export async function applyTicketEvent(tx: Queryable, work: TicketEventWork): Promise<EventOutcome> {
  const { tenantId, ticketId } = work;
  const session = await sessionOfTicket(tx, tenantId, ticketId, work.externalId);
  if (!session) return 'unknown_ticket';
  if (work.comment && session.ticketId) {
    await relayCommentEvent(tx, session, ticketId, work.comment, work.status);
    return 'relayed';
  }
  // A public staff comment before the relay recorded its new ticket (an agent faster than the relay): a catch-up.
  if (await hasPendingSync(tx, session.id, ticketId)) return 'already_queued';
  await enqueue(tx, [
    {
      tenantId,
      agentId: session.agentId,
      sessionId: session.id,
      channel: 'inbound',
      kind: 'zendesk.sync',
      // `deleted`: the catch-up of a session still pending need not wait for ticket.create (outbox/pending-ticket-deleted.ts).
      payload: { source: work.type, ticket_id: ticketId, ...(DELETION_EVENTS.includes(work.type) ? { deleted: true } : {}) },
    },
  ]);
  return 'queued';
}

/** One event in a transaction of its own: the path every event takes when its group commit fails. */
export function handleTicketEvent(db: Database, work: TicketEventWork): Promise<EventOutcome> {
  return db.transaction(async (tx): Promise<EventOutcome> => {
    if (!(await recordInvocation(tx, work.tenantId, work.invocationId, { type: work.type, ticket_id: work.ticketId }))) return 'duplicate';
    return applyTicketEvent(tx, work);
  });
}

