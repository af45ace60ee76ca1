/**
 * What a Zendesk 422 on a ticket write means, read from its details (reference/zendesk-api.md §1.2):
 * - `closed`: "closed prevents ticket update" — the ticket is final; the words go to a follow-up ticket.
 * - `full`: the ticket holds the most comments Zendesk allows — a follow-up ticket too.
 * - `other`: anything else (a validation Zendesk may lift, an account rule): retried with back-off and,
 *   if it never passes, dead-lettered where an operator can replay it — never dropped on first sight.
 */
export type RefusalKind = 'closed' | 'full' | 'other';

export function classifyRefusal(body: unknown): RefusalKind {
  const details = (body as { details?: Record<string, unknown> } | null)?.details;
  const descriptions: string[] = [];
  if (details && typeof details === 'object') {
    for (const value of Object.values(details)) {
      if (!Array.isArray(value)) continue;
      for (const item of value) {
        const d = (item as { description?: unknown } | null)?.description;
        if (typeof d === 'string') descriptions.push(d.toLowerCase());
      }
    }
  }
  if (descriptions.some((d) => d.includes('closed prevents ticket update'))) return 'closed';
  if (descriptions.some((d) => d.includes('maximum number of comments'))) return 'full';
  return 'other';
}
