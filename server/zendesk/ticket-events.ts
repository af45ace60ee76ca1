import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import type { TicketComment } from '../helpdesk/helpdesk.js';
import { applyTicketActivity } from '../outbox/ticket-sync-handler.js';
import type { SessionRow } from '../store/sessions.js';

/**
 * Zendesk event-subscription webhooks (`zen:event-type:ticket.*`), as documented at
 * developer.zendesk.com/api-reference/webhooks/event-types/ticket-events (reference/zendesk-api.md §3.4):
 * an envelope `{type, account_id, id, time, zendesk_event_version, subject: "zen:ticket:<id>", detail, event}`
 * where `detail` is the ticket (ids as strings, `status` upper-case, `external_id` a string or null, `tags`)
 * and `event` the change: `comment_added` carries `event.comment {id, body, is_public, author {id, is_staff,
 * name}}`, `status_changed` carries `event.current` / `event.previous`. Ids may come as strings or numbers.
 */
export const EVENT_TYPE_PREFIX = 'zen:event-type:';
export const COMMENT_ADDED = 'zen:event-type:ticket.comment_added';
export const STATUS_CHANGED = 'zen:event-type:ticket.status_changed';
/**
 * A ticket taken away from the agents: soft-deleted, deleted for good, or marked as spam (which deletes it).
 * Zendesk documents these event types (`ticket.soft_deleted`, `ticket.permanently_deleted`,
 * `ticket.marked_as_spam`; README "Zendesk ticket events and merges"); no trigger fires for a deletion, so
 * without them only the reconciliation poll would notice. Each one queues the same catch-up a status change
 * does: the catch-up reads the ticket (404) and returns the session exactly as a deletion found by the poll.
 * They are rare, so subscribing costs little even though they arrive for every ticket of the account.
 */
export const SOFT_DELETED = 'zen:event-type:ticket.soft_deleted';
export const PERMANENTLY_DELETED = 'zen:event-type:ticket.permanently_deleted';
export const MARKED_AS_SPAM = 'zen:event-type:ticket.marked_as_spam';
export const DELETION_EVENTS: readonly string[] = [SOFT_DELETED, PERMANENTLY_DELETED, MARKED_AS_SPAM];
/**
 * What the relay subscribes its event webhook to. Event webhooks hear every ticket of the account, and a status
 * change still needs a read of the ticket (event order is not guaranteed), so status stays with the solved and
 * reopened triggers, which Zendesk filters to Baton's tickets: subscribing `ticket.status_changed` too would only
 * add a request per status change of any ticket (one per first agent reply: new → open). The route still handles
 * it when an admin subscribes it.
 */
export const EVENT_SUBSCRIPTIONS = [COMMENT_ADDED, ...DELETION_EVENTS];

const ZendeskId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String);

const TicketDetail = z.looseObject({
  id: ZendeskId,
  external_id: z.string().max(200).nullish(),
  requester_id: ZendeskId.nullish(),
  status: z.string().max(40).optional(),
  tags: z.array(z.string().max(200)).max(1000).optional(),
  updated_at: z.string().max(64).optional(),
});

export const TicketEventSchema = z.looseObject({
  type: z.string().max(100).startsWith(EVENT_TYPE_PREFIX),
  id: z.string().min(1).max(200),
  time: z.string().max(64).optional(),
  subject: z.string().max(100).optional(),
  detail: TicketDetail,
  event: z.looseObject({}).optional(),
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

const CommentSchema = z.looseObject({
  id: ZendeskId,
  // The body as the agent wrote it; bounded well above Zendesk's own comment size.
  body: z.string().max(200_000).default(''),
  is_public: z.boolean(),
  author: z.looseObject({ id: ZendeskId.nullish(), is_staff: z.boolean().default(false), name: z.string().max(500).nullish() }),
});

/** The comment a comment_added event carries, shaped as a catch-up would read it; undefined when it has none. */
export function commentOf(event: TicketEvent): TicketComment | undefined {
  const parsed = CommentSchema.safeParse((event.event as { comment?: unknown } | undefined)?.comment);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const at = event.time ? new Date(event.time) : new Date();
  return {
    id: c.id,
    public: c.is_public,
    authorId: c.author.id ?? null,
    authorName: c.author.name ?? null,
    authorIsStaff: c.author.is_staff,
    text: c.body,
    createdAt: Number.isNaN(at.getTime()) ? new Date() : at,
  };
}

const ENDED = new Set(['solved', 'closed']);

/** A status_changed event to or from solved/closed: the only status changes that move a session. */
export function isSessionStatusChange(event: TicketEvent): boolean {
  const change = z.looseObject({ current: z.string().max(40).optional(), previous: z.string().max(40).nullish() }).safeParse(event.event);
  // Unreadable: let a catch-up read the ticket rather than guess.
  if (!change.success) return true;
  return ENDED.has((change.data.current ?? '').toLowerCase()) || ENDED.has((change.data.previous ?? '').toLowerCase());
}

/**
 * Relays the comment of a comment_added event in the caller's transaction: no Zendesk read. The comment
 * cursor, the relayed-comment records and the planner decide exactly as a catch-up would, so an event
 * that repeats, arrives after a catch-up, or belongs to an earlier handoff on a reused ticket relays
 * nothing twice and nothing under the wrong session. Status is not taken from events (their order is not
 * guaranteed): a status change queues a catch-up, which reads the ticket.
 */
export async function relayCommentEvent(tx: Queryable, session: SessionRow, ticketId: string, comment: TicketComment, status: string): Promise<number> {
  return applyTicketActivity(tx, session, ticketId, { status: status.toLowerCase(), comments: [comment] }, 'event');
}
