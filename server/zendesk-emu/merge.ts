import { randomUUID } from 'node:crypto';
import { json, type Reply } from './http.js';
import type { EmuState, EmuTicket, EmuUser } from './state.js';
import type { createTickets } from './tickets.js';

/**
 * `POST /api/v2/tickets/{target}/merge` as Zendesk documents it ("Merge Tickets into Target Ticket",
 * developer.zendesk.com/api-reference/ticketing/tickets/tickets/#merge-tickets-into-target-ticket; README
 * "Zendesk ticket events and merges"): `{ids, source_comment, target_comment, source_comment_is_public,
 * target_comment_is_public}`; each source gets its comment (private unless asked otherwise) and is closed,
 * the target gets its comment, and the answer is a `job_status`. Zendesk runs it as a background job; the
 * emulator runs it at once and answers the job as completed. The source keeps no field naming the target:
 * only the comment text does, as in Zendesk.
 */
export function createMerge(state: EmuState, tickets: ReturnType<typeof createTickets>) {
  return function merge(target: EmuTicket, body: Record<string, unknown>, agent: EmuUser): Reply {
    const ids = Array.isArray(body.ids) ? body.ids.map(Number) : [];
    if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id === target.id)) {
      return json(400, { error: 'InvalidInput', description: 'ids: the tickets to merge, none of them the target' });
    }
    const sources = ids.map((id) => state.tickets.get(id));
    if (target.status === 'closed' || sources.some((s) => !s || s.status === 'closed')) {
      return json(422, { error: 'RecordInvalid', description: 'Closed or missing tickets cannot be merged' });
    }
    const results: Array<{ action: string; id: number; status: string; success: boolean }> = [];
    for (const source of sources as EmuTicket[]) {
      const text = typeof body.source_comment === 'string' ? body.source_comment : `This request was closed and merged into request #${target.id} "${target.subject}".`;
      tickets.update(source, { comment: { body: text, public: body.source_comment_is_public === true }, status: 'closed' }, agent, 'web', 0);
      const note = typeof body.target_comment === 'string' ? body.target_comment : `Request #${source.id} "${source.subject}" was closed and merged into this request.`;
      tickets.update(target, { comment: { body: note, public: body.target_comment_is_public === true } }, agent, 'web', 0);
      results.push({ action: 'update', id: source.id, status: 'Updated', success: true });
    }
    return json(200, { job_status: { id: randomUUID().replace(/-/g, ''), job_type: 'merge', status: 'completed', progress: results.length, total: results.length, results } });
  };
}
