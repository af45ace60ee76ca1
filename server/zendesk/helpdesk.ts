import { commentContains, isSameComment } from '../core/comment-identity.js';
import { renderTranscriptParts } from '../core/transcript-html.js';
import { DELETED_STATUS } from '../core/ticket-sync.js';
import { classifyRefusal } from '../core/zendesk-refusal.js';
import type { EndUserCommentInput, Helpdesk, InternalNoteInput, TicketComment } from '../helpdesk/helpdesk.js';
import type { Attachment } from '../store/messages.js';
import { fetchBusinessSchedules } from './business-hours.js';
import type { FetchAttachment } from './fetch-attachment.js';
import { createFollowUp } from './follow-up-ticket.js';
import { createTicketApi, refused, requesterOf, type Authorize, type ListedComment, type Ticket } from './ticket-api.js';
import { newRequesterOf, subjectOf, tagsOf } from './ticket-fields.js';
import { markTicket, returnToAi } from './ticket-marks.js';

// Callers (provision, the webhook route) take the tag from the Zendesk helpdesk, its public face.
export { BATON_TAG } from './ticket-fields.js';

/** Time in which a comment's attachments may start downloading; later ones stay links. */
export const ATTACHMENTS_BUDGET_MS = 20_000;

/** One comment's body stays below Zendesk's size limit; longer transcripts continue in further private notes. */
export const MAX_COMMENT_CHARS = 60_000;

type CommentsPage = {
  comments?: Array<{ id: number; public?: boolean; author_id?: number | null; plain_body?: string; body?: string; created_at?: string }>;
  users?: Array<{ id: number; name?: string; role?: string }>;
  meta?: { has_more?: boolean };
  links?: { next?: string | null };
  next_page?: string | null;
};

/** The Helpdesk interface over Zendesk Support's REST API (reference/zendesk-api.md §1). */
export function createZendeskHelpdesk(
  baseUrl: string,
  authorize: Authorize,
  options: { impersonate?: boolean; fetchAttachment?: FetchAttachment } = {},
): Helpdesk {
  const api = createTicketApi(baseUrl, authorize);
  const { call, findByExternalId, appendComment, findComment, postTicket } = api;

  /**
   * Uploads the customer's files (downloaded from the links the AI platform sent) so they show on the
   * comment as Zendesk attachments; one token carries them all. A file that cannot be fetched or that
   * Zendesk refuses is skipped: its link stays in the comment text, so nothing is lost.
   */
  async function uploadAttachments(attachments: Attachment[], headers: Record<string, string>): Promise<string[]> {
    if (!options.fetchAttachment) return [];
    // No file is started after this budget, so one comment stays well inside its delivery lease (60 s).
    const startBefore = Date.now() + ATTACHMENTS_BUDGET_MS;
    let token: string | undefined;
    for (const a of attachments) {
      if (Date.now() > startBefore) break;
      const file = await options.fetchAttachment(a.url);
      if ('problem' in file) continue;
      const name = a.name ?? (decodeURIComponent(new URL(a.url).pathname.split('/').pop() ?? '') || 'attachment');
      const r = await call('POST', `/api/v2/uploads?filename=${encodeURIComponent(name)}${token ? `&token=${encodeURIComponent(token)}` : ''}`, {
        raw: { bytes: file.bytes, contentType: a.contentType ?? file.contentType },
        headers,
        expect: [400, 404, 413, 422],
      });
      if (r.status >= 300) continue;
      token = (r.body as { upload: { token: string } }).upload.token;
    }
    return token ? [token] : [];
  }

  /** Re-escalation: the transcript goes on the open (or solved) ticket as a new internal note, which reopens it. */
  async function reopenWithTranscript(ticketId: string, parts: string[], isRetry: boolean) {
    const ours = (c: ListedComment) => isSameComment({ html: parts[0]! }, c);
    const earlier = isRetry ? await findComment(ticketId, ours) : undefined;
    if (earlier) {
      const t = (await call('GET', `/api/v2/tickets/${ticketId}`)).body as { ticket: Ticket };
      return { ticketId, requesterId: requesterOf(t.ticket), startCommentId: String(earlier.id) };
    }
    const r = await call('PUT', `/api/v2/tickets/${ticketId}`, {
      body: { ticket: { status: 'open', comment: { html_body: parts[0], public: false } } },
      expect: [404, 422],
    });
    if (r.status === 404) return 'gone' as const; // deleted: a new ticket
    if (r.status === 422 && classifyRefusal(r.body) === 'other') throw refused(ticketId, r.body);
    if (r.status === 422) return 'closed' as const; // closed is final in Zendesk: a follow-up ticket
    // The new handoff starts at its transcript note: replies before it answered the earlier handoff.
    const start = await findComment(ticketId, ours);
    for (const html of parts.slice(1)) await appendComment(ticketId, { html_body: html, public: false });
    const t = (r.body as { ticket: Ticket }).ticket;
    return { ticketId, requesterId: requesterOf(t), startCommentId: start ? String(start.id) : undefined };
  }

  return {
    async createTicket(input) {
      // After a crash or timeout the first attempt may have succeeded: find it instead of making a second ticket.
      if (input.isRetry) {
        const found = await findByExternalId(input.externalId);
        if (found) return { ticketId: String(found.id), requesterId: requesterOf(found) };
      }
      const s = input.session;
      const parts = renderTranscriptParts(
        {
          reasonCode: s.reasonCode,
          reasonText: s.reasonText,
          summary: s.summary,
          signals: s.signals,
          endUserName: s.endUser.name ?? null,
          conversationId: s.conversationId,
        },
        input.transcript,
        MAX_COMMENT_CHARS,
      );
      let followUpOf: string | undefined;
      if (input.previousTicketId) {
        const reused = await reopenWithTranscript(input.previousTicketId, parts, input.isRetry);
        if (reused !== 'closed' && reused !== 'gone') return reused;
        if (reused === 'closed') followUpOf = input.previousTicketId;
        // The earlier handoff already moved to a follow-up of that closed ticket: continue there (one open ticket).
        const earlierFollowUp = input.previousFollowUpExternalId ? await findByExternalId(input.previousFollowUpExternalId) : undefined;
        if (earlierFollowUp && earlierFollowUp.status !== 'closed') {
          const again = await reopenWithTranscript(String(earlierFollowUp.id), parts, input.isRetry);
          if (again !== 'closed' && again !== 'gone') return again;
        }
      }
      const ticket: Record<string, unknown> = {
        subject: subjectOf(s),
        // Private: the transcript is for agents, and a private first comment sends the requester no email.
        comment: { html_body: parts[0], public: false },
        requester: newRequesterOf(s),
        tags: tagsOf(s),
        priority: s.priority,
        external_id: input.externalId,
        ...(typeof s.routing.groupId === 'number' ? { group_id: s.routing.groupId } : {}),
        // The earlier ticket is closed: this one is its follow-up, so agents see the history.
        ...(followUpOf ? { via_followup_source_id: Number(followUpOf) } : {}),
      };
      const created = await postTicket(ticket, input.idempotencyKey, input.externalId);
      const ticketId = String(created.id);
      for (const [index, html] of parts.slice(1).entries()) {
        const marker = `Transcript, continued (part ${index + 2})`;
        if (input.isRetry && (await findComment(ticketId, (c) => commentContains(c, marker)))) continue;
        await appendComment(ticketId, { html_body: html, public: false });
      }
      return { ticketId, requesterId: requesterOf(created) };
    },

    async findTicket(externalId) {
      const found = await findByExternalId(externalId);
      return found ? { ticketId: String(found.id), requesterId: requesterOf(found), status: found.status ?? 'open' } : undefined;
    },

    createFollowUp: (input) => createFollowUp(api, input),
    returnToAi: (input) => returnToAi(api, input),
    listSchedules: () => fetchBusinessSchedules((method, path) => call(method, path)),
    markTicket: (input) => markTicket(api, input),

    async addEndUserComment(input: EndUserCommentInput) {
      const links = input.attachments.map((a) => `\n${a.name ?? 'Attachment'}: ${a.url}`).join('');
      const body = `${input.text}${links}`;
      const requester = input.session.ticketRequesterId;
      // Comments have no idempotency key: after an uncertain attempt, look before writing twice.
      if (input.isRetry) {
        const since = input.firstAttemptAt;
        if (await findComment(input.ticketId, (c) => isSameComment({ text: body }, c), { ...(since ? { since } : {}), authorId: requester })) return;
      }
      const asEndUser: Record<string, string> = options.impersonate && requester ? { 'X-On-Behalf-Of': requester } : {};
      const uploads = await uploadAttachments(input.attachments, asEndUser);
      let files: { uploads?: string[] } = uploads.length > 0 ? { uploads } : {};
      if (options.impersonate && requester) {
        // As the end user (Requests API + X-On-Behalf-Of): Zendesk treats it as the requester's own reply, so
        // "requester updated" rules work natively and the agent-reply trigger (role is not end user) cannot fire.
        const r = await call('PUT', `/api/v2/requests/${input.ticketId}`, {
          body: { request: { comment: { body, ...files } } },
          headers: asEndUser,
          expect: [404, 422],
        });
        if (r.status === 422) throw refused(input.ticketId, r.body);
        if (r.status !== 404) return;
        // Zendesk hides a ticket from an end user who is not (or no longer) its requester: an agent changed the
        // requester, or deleted the ticket. The relay's own write below tells which, and keeps the words on the
        // ticket in the first case. The end user's upload tokens stay unused there (the links are in the text).
        files = {};
      }
      const after = await appendComment(input.ticketId, {
        body,
        ...files,
        public: true,
        ...(input.session.ticketRequesterId ? { author_id: Number(input.session.ticketRequesterId) } : {}),
      });
      // Zendesk reopens a solved or pending ticket when its requester replies, but this write's updater is the relay's
      // user, not the requester: do what the requester's own reply does (and the impersonated path gets natively), so
      // words written as an agent solved the ticket reach the agents' views and the solve does not return the session.
      // Not retried on its own: a refusal here (closed meanwhile) leaves the comment where it is, on the ticket.
      if (after?.status === 'solved' || after?.status === 'pending') {
        await call('PUT', `/api/v2/tickets/${input.ticketId}`, { body: { ticket: { status: 'open' } }, expect: [404, 422] });
      }
    },

    async addInternalNote(input: InternalNoteInput) {
      if (input.isRetry && (await api.hasNote(input.ticketId, input.html))) return;
      await appendComment(input.ticketId, { html_body: input.html, public: false });
    },

    async listChangedTickets(cursor, startTimeMs) {
      // Incremental export (10 requests/min per account): one page per poll is plenty for a minute's changes.
      const path = cursor
        ? `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`
        : `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(startTimeMs / 1000)}`;
      const page = (await call('GET', path)).body as { tickets?: Array<{ id: number; status?: string; external_id?: string | null }>; after_cursor?: string | null };
      const tickets = page.tickets ?? [];
      return {
        ticketIds: tickets.map((t) => String(t.id)),
        cursor: page.after_cursor ?? cursor,
        deleted: tickets.filter((t) => t.status === DELETED_STATUS).map((t) => ({ ticketId: String(t.id), externalId: t.external_id ?? null })),
      };
    },

    async fetchTicketActivity(ticketId: string) {
      const read = await call('GET', `/api/v2/tickets/${ticketId}`, { expect: [404] });
      // Deleted by an agent (spam, a duplicate): no comment can be read or written any more, and the session must
      // not wait for it. Zendesk's own word for it in the incremental export is the status "deleted".
      if (read.status === 404) return { status: DELETED_STATUS, comments: [] };
      const ticket = read.body as { ticket: { status: string } };
      const comments: TicketComment[] = [];
      let path: string | null = `/api/v2/tickets/${ticketId}/comments?include=users&page[size]=100`;
      // Both pagination styles Zendesk answers with: cursor (meta.has_more + links.next) and offset (next_page).
      for (let pages = 0; path && pages < 100; pages++) {
        const page = (await call('GET', path)).body as CommentsPage;
        const roles = new Map((page.users ?? []).map((u) => [u.id, u]));
        for (const c of page.comments ?? []) {
          const author = c.author_id == null ? undefined : roles.get(c.author_id);
          comments.push({
            id: String(c.id),
            public: c.public !== false,
            authorId: c.author_id == null ? null : String(c.author_id),
            authorName: author?.name ?? null,
            authorIsStaff: author ? author.role !== 'end-user' : false,
            // plain_body is Zendesk's own text rendering of the comment (what the agent typed).
            text: c.plain_body ?? c.body ?? '',
            createdAt: new Date(c.created_at ?? Date.now()),
          });
        }
        const next = page.meta?.has_more ? page.links?.next : page.next_page;
        path = next ? next.replace(/^https?:\/\/[^/]+/, '') : null;
      }
      return { status: ticket.ticket.status, comments: comments.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)) };
    },
  };
}
