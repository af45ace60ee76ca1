import { createHash } from 'node:crypto';
import type { Principal } from './auth.js';
import { invalid, json, notFound, type EmuRequest, type Reply } from './http.js';
import type { EmuAttachment, EmuComment, EmuState, EmuTicket, EmuUser, TicketStatus } from './state.js';

/** Zendesk documented limits (reference/zendesk-api.md §1-2). */
export const IDEMPOTENCY_WINDOW_MS = 2 * 60 * 60 * 1000;
export const MAX_COMMENTS_PER_TICKET = 5_000;
/** The emulator's comment size limit (Zendesk's is not documented precisely; ~64 KB is what clients assume). */
export const MAX_COMMENT_CHARS = 65_536;
export const TICKET_UPDATES_PER_WINDOW = 30;
export const TICKET_UPDATE_WINDOW_MS = 10 * 60 * 1000;
const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const VIA_API = 5;

export interface ChangeContext {
  updateType: 'Create' | 'Change';
  updater: EmuUser;
  viaId: number;
  comment?: EmuComment;
  previousStatus: TicketStatus | null;
  /** The ticket was deleted (soft): its only event is `ticket.soft_deleted`, and no trigger runs. */
  deleted?: boolean;
}

/**
 * Zendesk never returns a comment's text as sent: `html_body` is rendered (plain text escaped, newlines
 * as <br>, wrapped in a zd-comment div), `body` and `plain_body` are text renderings (reference/zendesk-api.md §4).
 */
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const renderHtml = (inner: string) => `<div class="zd-comment" dir="auto">${inner}</div>`;
const plainOf = (text: string) => text.split('\n').map((line) => line.trimEnd()).join('\n').trim();
const stripHtml = (html: string) => html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

export function ticketJson(t: EmuTicket) {
  const { comments: _c, updatesByUser: _u, ...rest } = t;
  return { ...rest, url: `/api/v2/tickets/${t.id}.json` };
}

export function createTickets(state: EmuState, now: () => number, onChange: (t: EmuTicket, ctx: ChangeContext) => void, takeUploads: (tokens: unknown) => EmuAttachment[] = () => []) {
  function addComment(t: EmuTicket, c: { body?: unknown; html_body?: unknown; public?: unknown; author_id?: unknown; uploads?: unknown }, author: EmuUser, channel: string): EmuComment | Reply {
    const html = typeof c.html_body === 'string' ? c.html_body : undefined;
    const body = typeof c.body === 'string' ? c.body : undefined;
    if (html === undefined && body === undefined) return invalid({ comment: 'Comment: body or html_body is required' });
    if ((html ?? body)!.length > MAX_COMMENT_CHARS) return invalid({ comment: `Comment: is too long (maximum is ${MAX_COMMENT_CHARS} characters)` });
    if (t.comments.length >= MAX_COMMENTS_PER_TICKET) return invalid({ base: 'Ticket has reached the maximum number of comments' });
    const authorId = typeof c.author_id === 'number' && state.users.has(c.author_id) ? c.author_id : author.id;
    const comment: EmuComment = {
      id: state.id(),
      author_id: authorId,
      // "The initial value set on ticket creation persists for any additional comment unless you change it" — we require it explicit in callers.
      public: c.public === undefined ? true : Boolean(c.public),
      body: body ?? stripHtml(html!),
      html_body: renderHtml(html ?? escapeText(body!).replace(/\r?\n/g, '<br>')),
      plain_body: plainOf(body ?? stripHtml(html!)),
      created_at: state.iso(),
      via: { channel },
      attachments: takeUploads(c.uploads),
    };
    t.comments.push(comment);
    return comment;
  }

  function requesterFrom(r: unknown, principal: Principal): EmuUser | Reply {
    if (!r || typeof r !== 'object') return principal.actingAs ?? principal.user;
    const { name, email } = r as { name?: unknown; email?: unknown };
    if (typeof email === 'string') {
      return state.userByEmail(email) ?? state.createUser({ name: typeof name === 'string' ? name : email, email, role: 'end-user' });
    }
    if (typeof name !== 'string' || !name) return invalid({ requester: 'Requester: Name is required' });
    return state.createUser({ name, email: null, role: 'end-user' });
  }

  return {
    create(req: EmuRequest, principal: Principal): Reply {
      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
      const bodyHash = createHash('sha256').update(req.raw).digest('hex');
      if (key) {
        const seen = state.idempotency.get(key);
        if (seen && seen.at + IDEMPOTENCY_WINDOW_MS > now()) {
          if (seen.bodyHash !== bodyHash) return json(400, { error: 'IdempotentRequestError', description: 'Request parameters do not match the original request for this Idempotency-Key' });
          return json(seen.status, seen.body, { 'x-idempotency-lookup': 'hit' });
        }
      }
      const input = ((req.json ?? {}) as { ticket?: Record<string, unknown> }).ticket;
      if (!input || typeof input !== 'object') return invalid({ base: 'ticket is required' });
      if (!input.comment || typeof input.comment !== 'object') return invalid({ comment: 'Description: cannot be blank' });
      if (input.priority !== undefined && !PRIORITIES.includes(String(input.priority))) return invalid({ priority: `Priority: ${String(input.priority)} is not valid` });
      const followup = input.via_followup_source_id;
      if (followup !== undefined && state.tickets.get(Number(followup))?.status !== 'closed') {
        return invalid({ via_followup_source_id: 'Follow-up source must be a closed ticket' });
      }
      const requester = typeof input.requester_id === 'number' ? state.users.get(input.requester_id) : requesterFrom(input.requester, principal);
      if (!requester) return invalid({ requester_id: 'Requester: not found' });
      if ('status' in requester && !('role' in requester)) return requester as Reply;
      const ticket: EmuTicket = {
        id: state.id(),
        subject: typeof input.subject === 'string' ? input.subject : '',
        status: 'new',
        priority: typeof input.priority === 'string' ? input.priority : null,
        requester_id: (requester as EmuUser).id,
        submitter_id: principal.user.id,
        group_id: typeof input.group_id === 'number' ? input.group_id : null,
        tags: Array.isArray(input.tags) ? [...new Set(input.tags.map(String))] : [],
        external_id: typeof input.external_id === 'string' ? input.external_id : null,
        via_followup_source_id: followup === undefined ? null : Number(followup),
        created_at: state.iso(),
        updated_at: state.iso(),
        comments: [],
        updatesByUser: new Map(),
      };
      const comment = addComment(ticket, input.comment as Record<string, unknown>, principal.actingAs ?? principal.user, 'api');
      if ('status' in comment && !('id' in comment)) return comment as Reply;
      state.tickets.set(ticket.id, ticket);
      const reply = json(201, { ticket: ticketJson(ticket), audit: { id: state.id(), ticket_id: ticket.id } }, { location: `/api/v2/tickets/${ticket.id}.json` });
      if (key) state.idempotency.set(key, { bodyHash, status: 201, body: reply.body, at: now() });
      onChange(ticket, { updateType: 'Create', updater: principal.actingAs ?? principal.user, viaId: VIA_API, comment: comment as EmuComment, previousStatus: null });
      return { ...reply, headers: { ...reply.headers, ...(key ? { 'x-idempotency-lookup': 'miss' } : {}) } };
    },

    /** PUT /api/v2/tickets/{id}, also used by the agent UI (channel "web"). */
    update(t: EmuTicket, input: Record<string, unknown>, updater: EmuUser, channel: 'api' | 'web', viaId: number): Reply {
      if (t.status === 'closed') {
        return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'Status: closed prevents ticket update' }] } });
      }
      const stamps = (t.updatesByUser.get(updater.id) ?? []).filter((at) => at > now() - TICKET_UPDATE_WINDOW_MS);
      if (channel === 'api' && stamps.length >= TICKET_UPDATES_PER_WINDOW) {
        const retryAfter = Math.ceil((stamps[0]! + TICKET_UPDATE_WINDOW_MS - now()) / 1000);
        return { status: 429, headers: { 'retry-after': String(retryAfter) }, text: 'Number of allowed ticket updates exceeded' };
      }
      if (input.safe_update && input.updated_stamp !== t.updated_at) {
        return json(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' });
      }
      const previousStatus = t.status;
      let comment: EmuComment | undefined;
      if (input.comment && typeof input.comment === 'object') {
        const added = addComment(t, input.comment as Record<string, unknown>, updater, channel);
        if (!('id' in added)) return added;
        comment = added;
      }
      if (input.status !== undefined) {
        if (!STATUSES.includes(input.status as TicketStatus)) return invalid({ status: `Status: ${String(input.status)} is not valid` });
        t.status = input.status as TicketStatus;
      } else if (comment && updater.role === 'end-user' && t.status === 'solved') {
        t.status = 'open'; // an end user's reply reopens a solved ticket
      } else if (comment && updater.role !== 'end-user' && t.status === 'new') {
        t.status = 'open';
      }
      // `priority` is writable on update like on create (Tickets API, "Update Ticket").
      if (input.priority !== undefined) {
        if (input.priority !== null && !PRIORITIES.includes(String(input.priority))) return invalid({ priority: `Priority: ${String(input.priority)} is not valid` });
        t.priority = input.priority === null ? null : String(input.priority);
      }
      // An agent may correct who the ticket is for (Tickets API, "Update Ticket"): the end user must exist.
      if (input.requester_id !== undefined) {
        if (!state.users.has(Number(input.requester_id))) return invalid({ requester_id: 'Requester: not found' });
        t.requester_id = Number(input.requester_id);
      }
      if (Array.isArray(input.tags)) t.tags = input.tags.map(String);
      // Documented on ticket updates: add or remove tags without replacing the set.
      if (Array.isArray(input.additional_tags)) t.tags = [...new Set([...t.tags, ...input.additional_tags.map(String)])];
      if (Array.isArray(input.remove_tags)) t.tags = t.tags.filter((tag) => !(input.remove_tags as unknown[]).map(String).includes(tag));
      t.updated_at = state.iso();
      t.updatesByUser.set(updater.id, [...stamps, now()]);
      onChange(t, { updateType: 'Change', updater, viaId, ...(comment ? { comment } : {}), previousStatus });
      return json(200, { ticket: ticketJson(t), audit: { id: state.id(), ticket_id: t.id } });
    },

    /** GET /api/v2/tickets/{id}/comments with cursor pagination and include=users. */
    comments(t: EmuTicket, req: EmuRequest): Reply {
      const size = Math.min(100, Number(req.query.get('page[size]') ?? 100) || 100);
      const after = Number(req.query.get('page[after]') ?? 0);
      const sorted = req.query.get('sort_order') === 'desc' ? [...t.comments].reverse() : t.comments;
      const start = after > 0 ? sorted.findIndex((c) => c.id === after) + 1 : 0;
      const page = sorted.slice(start, start + size);
      const hasMore = start + size < sorted.length;
      const users = req.query.get('include') === 'users' ? [...new Set(page.map((c) => c.author_id))].map((id) => state.users.get(id)).filter(Boolean) : undefined;
      return json(200, {
        comments: page,
        ...(users ? { users } : {}),
        meta: { has_more: hasMore, after_cursor: page.at(-1)?.id ?? null },
        links: { next: hasMore ? `/api/v2/tickets/${t.id}/comments?page[size]=${size}&page[after]=${page.at(-1)!.id}${users ? '&include=users' : ''}` : null },
      });
    },

    /** GET /api/v2/incremental/tickets/cursor.json: tickets updated since a time or a cursor. */
    incremental(req: EmuRequest): Reply {
      const cursor = req.query.get('cursor');
      const since = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : Number(req.query.get('start_time') ?? 0) * 1000;
      if (!cursor && !req.query.get('start_time')) return json(400, { error: 'InvalidValue', description: 'start_time is required' });
      // Deleted tickets stay in the export with status "deleted" (Incremental Exports API), so a poll learns of them.
      const deleted = [...state.deletedTickets.values()].map((t) => ({ ...t, status: 'deleted' as TicketStatus }));
      const changed = [...state.tickets.values(), ...deleted].filter((t) => Date.parse(t.updated_at) >= since).sort((a, b) => a.updated_at.localeCompare(b.updated_at));
      const last = changed.at(-1);
      // Second-granular timestamps: the next page starts at the last second again (a repeat is harmless to readers).
      const nextSince = last ? Date.parse(last.updated_at) : since;
      return json(200, { tickets: changed.map(ticketJson), after_cursor: Buffer.from(String(nextSince)).toString('base64url'), end_of_stream: true });
    },
  };
}
