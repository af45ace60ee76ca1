import { randomUUID } from 'node:crypto';
import type { EmuTicket, EmuUser } from './state.js';
import type { ChangeContext } from './tickets.js';

/**
 * The bodies Zendesk's event-subscription webhooks send for one ticket change, as documented at
 * developer.zendesk.com/api-reference/webhooks/event-types/ticket-events (reference/zendesk-api.md §3.4):
 * `{type, account_id, id, time, zendesk_event_version, subject: "zen:ticket:<id>", detail, event}`, one per
 * event; `comment_added` carries the comment (id, body, is_public, author {id, is_staff, name}),
 * `status_changed` carries `current` / `previous` (upper-case); a deletion sends `ticket.soft_deleted` alone;
 * every event has `meta.sequence`.
 */
export function ticketEventBodies(t: EmuTicket, ctx: ChangeContext, userOf: (id: number) => EmuUser | undefined): Array<{ type: string; body: string }> {
  const events: Array<{ type: string; event: Record<string, unknown> }> = [];
  if (ctx.deleted) events.push({ type: 'zen:event-type:ticket.soft_deleted', event: {} });
  if (ctx.comment) {
    const author = userOf(ctx.comment.author_id);
    events.push({
      type: 'zen:event-type:ticket.comment_added',
      event: {
        comment: {
          id: String(ctx.comment.id),
          body: ctx.comment.body,
          is_public: ctx.comment.public,
          author: { id: String(ctx.comment.author_id), is_staff: author ? author.role !== 'end-user' : false, name: author?.name ?? '' },
        },
      },
    });
  }
  if (ctx.previousStatus !== null && ctx.previousStatus !== t.status) {
    events.push({ type: 'zen:event-type:ticket.status_changed', event: { current: t.status.toUpperCase(), previous: ctx.previousStatus.toUpperCase() } });
  }
  // One action, one sequence id; Zendesk does not guarantee the order of its events.
  const sequence = randomUUID().replace(/-/g, '').toUpperCase();
  return events.map((e, position) => ({
    type: e.type,
    body: JSON.stringify({
      type: e.type,
      account_id: 22129848,
      id: randomUUID(),
      time: new Date().toISOString(),
      zendesk_event_version: '2022-11-06',
      subject: `zen:ticket:${t.id}`,
      detail: ticketDetail(t, ctx),
      event: { ...e.event, meta: { sequence: { id: sequence, position: position + 1 } } },
    }),
  }));
}

/** The `detail` of a ticket event: the ticket, ids as strings, enums upper-case (ticket-events doc, "Detail object properties"). */
function ticketDetail(t: EmuTicket, ctx: ChangeContext) {
  return {
    actor_id: String(ctx.updater.id),
    assignee_id: null,
    brand_id: null,
    created_at: t.created_at,
    custom_status: null,
    description: t.comments[0]?.body ?? '',
    external_id: t.external_id,
    form_id: null,
    group_id: t.group_id === null ? null : String(t.group_id),
    id: String(t.id),
    is_public: t.comments.some((c) => c.public),
    organization_id: null,
    priority: t.priority ? t.priority.toUpperCase() : null,
    requester_id: String(t.requester_id),
    status: t.status.toUpperCase(),
    subject: t.subject,
    submitter_id: String(t.submitter_id),
    tags: [...t.tags],
    type: null,
    updated_at: t.updated_at,
    via: { channel: ctx.viaId === 5 ? 'web_service' : 'web' },
  };
}

