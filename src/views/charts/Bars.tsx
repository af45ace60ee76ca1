import type { BreakdownRow } from '../../insights-schema.js';

/** Horizontal bars, longest first; each row shows its label, count and share as text. */
export function Bars({ title, rows, labelOf, percent, testId }: { title: string; rows: BreakdownRow[]; labelOf: (r: BreakdownRow) => string; percent: (share: number) => string; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.handoffs));
  return (
    <section class="card">
      <h2>{title}</h2>
      <ul class="bars" data-testid={testId}>
        {rows.slice(0, 8).map((r) => (
          <li key={r.key} data-key={r.key}>
            <span class="bar-label" title={labelOf(r)}>{labelOf(r)}</span>
            <span class="bar-track"><span class="bar" style={{ width: `${(100 * r.handoffs) / max}%` }} /></span>
            <span class="bar-value"><b data-testid="count">{r.handoffs}</b> · {percent(r.share)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
