import { isSameComment, type StoredComment } from '../core/comment-identity.js';
import { classifyRefusal } from '../core/zendesk-refusal.js';
import { HelpdeskError, TicketClosedError } from '../helpdesk/helpdesk.js';
import { zendeskRequest } from './http-client.js';

export type Ticket = { id: number; requester_id?: number | null; status?: string };
export type ListedComment = StoredComment & { id: number; author_id?: number | null; created_at?: string };

/** `authorize(true)` forces a token refresh: used once after a 401, in case the token was revoked or rotated. */
export type Authorize = (forceRefresh?: boolean) => Promise<string>;

/** How far Zendesk's clock may run behind ours when we look for a comment written after a moment. */
const CLOCK_SKEW_MS = 5_000;

export const requesterOf = (t: Ticket) => (t.requester_id == null ? null : String(t.requester_id));

/** A 422 on a ticket write, read by its details: a closed (or full) ticket means a follow-up, anything else a retry. */
export function refused(ticketId: string, body: unknown): HelpdeskError {
  const detail = JSON.stringify(body).slice(0, 300);
  if (classifyRefusal(body) !== 'other') return new TicketClosedError(ticketId, `Zendesk ticket ${ticketId} takes no more updates: ${detail}`);
  return new HelpdeskError(`Zendesk refused the update of ticket ${ticketId}: ${detail}`, 'transient', 422);
}

/** A 404 on a ticket write: an agent deleted the ticket, so the words go to a new ticket instead of being dropped. */
export const deleted = (ticketId: string): TicketClosedError =>
  new TicketClosedError(ticketId, `Zendesk ticket ${ticketId} was deleted`, true);

/** The ticket calls the Helpdesk operations are built from, authorised for one Zendesk account. */
export type TicketApi = ReturnType<typeof createTicketApi>;

export function createTicketApi(baseUrl: string, authorize: Authorize) {
  const call = async (method: string, path: string, options?: Parameters<typeof zendeskRequest>[4]) => {
    try {
      return await zendeskRequest(baseUrl, await authorize(), method, path, options);
    } catch (error) {
      if (!(error instanceof HelpdeskError) || error.status !== 401) throw error;
      return zendeskRequest(baseUrl, await authorize(true), method, path, options);
    }
  };

  async function findByExternalId(externalId: string): Promise<Ticket | undefined> {
    const r = await call('GET', `/api/v2/tickets?external_id=${encodeURIComponent(externalId)}`);
    const tickets = (r.body as { tickets?: Ticket[] }).tickets ?? [];
    return tickets.sort((a, b) => a.id - b.id)[0];
  }

  /** Adds a comment; answers the ticket as Zendesk left it (its status, after the write). */
  async function appendComment(ticketId: string, comment: Record<string, unknown>): Promise<Ticket | undefined> {
    const r = await call('PUT', `/api/v2/tickets/${ticketId}`, { body: { ticket: { comment } }, expect: [404, 422] });
    if (r.status === 404) throw deleted(ticketId);
    if (r.status === 422) throw refused(ticketId, r.body);
    return (r.body as { ticket?: Ticket } | null)?.ticket;
  }

  /**
   * Comments have no idempotency key: after an uncertain write, the latest 100 comments are read back
   * and ours is recognised by its words (core/comment-identity), never by Zendesk's rendering of them.
   */
  async function findComment(ticketId: string, matches: (c: ListedComment) => boolean, opts: { since?: Date; authorId?: string | null } = {}): Promise<ListedComment | undefined> {
    const r = await call('GET', `/api/v2/tickets/${ticketId}/comments?sort_order=desc&page[size]=100`, { expect: [404] });
    // Deleted since the uncertain attempt: nothing of ours is there; the write that follows finds it gone too.
    if (r.status === 404) return undefined;
    const comments = (r.body as { comments?: ListedComment[] }).comments ?? [];
    const after = opts.since ? opts.since.getTime() - CLOCK_SKEW_MS : undefined;
    return comments.find(
      (c) =>
        (after === undefined || Date.parse(c.created_at ?? '') >= after) &&
        (opts.authorId == null || String(c.author_id) === opts.authorId) &&
        matches(c),
    );
  }

  /** Whether a retried private note is on the ticket already, so it is not written twice. */
  const hasNote = (ticketId: string, html: string) => findComment(ticketId, (c) => isSameComment({ html }, c));

  /** POST /tickets with its Idempotency-Key; a key reused with another body means the ticket exists already. */
  async function postTicket(ticket: Record<string, unknown>, idempotencyKey: string, externalId: string): Promise<Ticket> {
    const r = await call('POST', '/api/v2/tickets', { body: { ticket }, headers: { 'Idempotency-Key': idempotencyKey }, expect: [400] });
    if (r.status !== 400) return (r.body as { ticket: Ticket }).ticket;
    const error = (r.body as { error?: string }).error;
    if (error !== 'IdempotentRequestError') {
      throw new HelpdeskError(`Zendesk rejected the ticket: ${JSON.stringify(r.body).slice(0, 300)}`, 'permanent', 400);
    }
    // Same key, other body (e.g. the transcript grew between attempts): the ticket exists already.
    const created = await findByExternalId(externalId);
    if (!created) throw new HelpdeskError('IdempotentRequestError but no ticket with our external_id yet', 'transient', 400);
    return created;
  }

  return { call, findByExternalId, appendComment, findComment, hasNote, postTicket };
}
