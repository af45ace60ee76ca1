import { classifyRefusal } from '../core/zendesk-refusal.js';
import type { MarkTicketInput, ReturnToAiInput } from '../helpdesk/helpdesk.js';
import { refused, type TicketApi } from './ticket-api.js';

/**
 * Notes and tags put on a ticket that is already there (Return to AI, a waiting timeout). A closed ticket
 * is left as it is: Zendesk takes no more updates on it, and there is nothing left to mark. Nor is there on a
 * deleted one (404): dead-lettering the write would only raise an alarm nobody can act on.
 */

export async function returnToAi(api: TicketApi, input: ReturnToAiInput): Promise<void> {
  const noted = input.isRetry && (await api.hasNote(input.ticketId, input.noteHtml));
  const update = (withStatus: boolean) => ({
    ticket: {
      ...(noted ? {} : { comment: { html_body: input.noteHtml, public: false } }),
      additional_tags: [input.tag],
      ...(withStatus && input.status !== 'unchanged' ? { status: input.status } : {}),
    },
  });
  let r = await api.call('PUT', `/api/v2/tickets/${input.ticketId}`, { body: update(true), expect: [404, 422] });
  if (r.status === 404) return; // deleted: nothing left to return
  if (r.status === 422 && classifyRefusal(r.body) === 'closed') return; // closed: nothing left to return
  // Zendesk can refuse to solve (e.g. a required field is empty): the note and tag still go on.
  if (r.status === 422 && input.status !== 'unchanged') r = await api.call('PUT', `/api/v2/tickets/${input.ticketId}`, { body: update(false), expect: [422] });
  if (r.status === 422 && classifyRefusal(r.body) !== 'closed') throw refused(input.ticketId, r.body);
}

export async function markTicket(api: TicketApi, input: MarkTicketInput): Promise<void> {
  const noted = input.noteHtml && input.isRetry && (await api.hasNote(input.ticketId, input.noteHtml));
  const ticket = {
    ...(input.noteHtml && !noted ? { comment: { html_body: input.noteHtml, public: false } } : {}),
    ...(input.tags?.length ? { additional_tags: input.tags } : {}),
    ...(input.priority ? { priority: input.priority } : {}),
  };
  if (Object.keys(ticket).length === 0) return;
  const r = await api.call('PUT', `/api/v2/tickets/${input.ticketId}`, { body: { ticket }, expect: [404, 422] });
  if (r.status === 422 && classifyRefusal(r.body) !== 'closed') throw refused(input.ticketId, r.body);
}
