import { escapeHtml } from '../core/transcript-html.js';
import type { FollowUpInput } from '../helpdesk/helpdesk.js';
import { requesterOf, type TicketApi } from './ticket-api.js';
import { newRequesterOf, subjectOf, tagsOf } from './ticket-fields.js';

/**
 * The ticket for words that found the session's ticket closed: a follow-up linked to it (a closed ticket
 * is final in Zendesk), with the same requester so the agent's replies reach the same person.
 */
export async function createFollowUp(api: TicketApi, input: FollowUpInput): Promise<{ ticketId: string; requesterId: string | null }> {
  if (input.isRetry) {
    const found = await api.findByExternalId(input.externalId);
    if (found) return { ticketId: String(found.id), requesterId: requesterOf(found) };
  }
  const s = input.session;
  const earlier = escapeHtml(input.closedTicketId);
  const note = input.closedTicketGone
    ? `<p><strong>Continues #${earlier}</strong>, which was deleted while the customer was still writing. The AI handoff ` +
      `continues on this ticket.</p><p>Conversation <code>${escapeHtml(s.conversationId)}</code></p>`
    : `<p><strong>Follow-up of #${earlier}</strong>, which was closed while the customer was still ` +
      `writing. The AI handoff continues on this ticket; earlier messages are on #${earlier}.</p>` +
      `<p>Conversation <code>${escapeHtml(s.conversationId)}</code></p>`;
  const created = await api.postTicket(
    {
      subject: subjectOf(s),
      comment: { html_body: note, public: false },
      ...(s.ticketRequesterId ? { requester_id: Number(s.ticketRequesterId) } : { requester: newRequesterOf(s) }),
      tags: [...tagsOf(s), 'baton_followup'],
      priority: s.priority,
      external_id: input.externalId,
      // Zendesk links a follow-up only to a closed ticket; a deleted one is named in the note alone.
      ...(input.closedTicketGone ? {} : { via_followup_source_id: Number(input.closedTicketId) }),
      ...(typeof s.routing.groupId === 'number' ? { group_id: s.routing.groupId } : {}),
    },
    input.idempotencyKey,
    input.externalId,
  );
  return { ticketId: String(created.id), requesterId: requesterOf(created) };
}
