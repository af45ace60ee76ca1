import type { BreakdownRow } from '../insights-schema.js';

/** Reasons growing fastest against the previous period of equal length: previous → current count, and the change. */
export function RisingReasons({ title, rows, labelOf, previousWord, newWord, number, change }: {
  title: string;
  rows: BreakdownRow[];
  labelOf: (r: BreakdownRow) => string;
  previousWord: string;
  /** Shown instead of a percentage when the reason did not occur before (the change is undefined). */
  newWord: string;
  /** Counts as the tiles write them ("12,500", "12.500"). */
  number: (n: number) => string;
  change: (ratio: number) => string;
}) {
  return (
    <section class="card">
      <h2>{title}</h2>
      <ol data-testid="rising">
        {rows.map((r) => (
          <li key={r.key} data-key={r.key}>
            {labelOf(r)}: {number(r.previous)} {previousWord} → <b>{number(r.handoffs)}</b> ({r.change === null ? newWord : change(r.change)})
          </li>
        ))}
      </ol>
    </section>
  );
}
