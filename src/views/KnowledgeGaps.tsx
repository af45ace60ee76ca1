import type { InsightsReport } from '../insights-schema.js';

type Gap = InsightsReport['gaps'][number];

/** Each ticket once (a re-escalation continues on its earlier ticket), the latest first as the relay sent them. */
export function distinctTickets(examples: Gap['examples']): Array<Gap['examples'][number] & { ticketId: string }> {
  const seen = new Set<string>();
  return examples.filter((e): e is Gap['examples'][number] & { ticketId: string } => !!e.ticketId && !seen.has(e.ticketId) && !!seen.add(e.ticketId));
}

/** What the AI hands off most, each with recent example tickets one click away (opened in Zendesk by the caller). */
export function KnowledgeGaps({ title, help, gaps, labelOf, describe, openTicket }: {
  title: string;
  help: string;
  gaps: Gap[];
  labelOf: (g: Gap) => string;
  describe: (g: Gap) => string;
  openTicket: (ticketId: string) => void;
}) {
  return (
    <section class="card">
      <h2>{title}</h2>
      <p class="muted">{help}</p>
      <ul class="gaps" data-testid="gaps">
        {gaps.map((g) => {
          // A session whose ticket was never created has nothing to open.
          const tickets = distinctTickets(g.examples);
          return (
            <li key={`${g.dimension}:${g.key}`} data-key={g.key}>
              <b>{labelOf(g)}</b> · {describe(g)}
              {tickets.length > 0 && (
                <ul class="tickets">
                  {tickets.map((e) => (
                    <li key={e.ticketId}><button class="link ticket" title={e.summary ?? ''} onClick={() => openTicket(e.ticketId)}>#{e.ticketId}</button></li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
