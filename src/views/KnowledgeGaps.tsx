import type { InsightsReport } from '../insights-schema.js';

type Gap = InsightsReport['gaps'][number];

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
        {gaps.map((g) => (
          <li key={`${g.dimension}:${g.key}`} data-key={g.key}>
            <b>{labelOf(g)}</b> · {describe(g)}
            {/* A session whose ticket was never created has nothing to open. */}
            {g.examples.map((e) => e.ticketId && (
              <button key={e.sessionId} class="link ticket" title={e.summary ?? ''} onClick={() => openTicket(e.ticketId!)}>#{e.ticketId}</button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
