import type { BreakdownRow } from '../../insights-schema.js';

const SHOWN_ROWS = 8;

/** Longest first, and rows of no value ("Not set", "Unknown") after every named one: they say least. */
export function barOrder(rows: BreakdownRow[], isUnset: (r: BreakdownRow) => boolean, limit = SHOWN_ROWS): BreakdownRow[] {
  const unset = rows.filter(isUnset);
  const named = rows.filter((r) => !isUnset(r));
  return [...named.slice(0, Math.max(0, limit - unset.length)), ...unset].slice(0, limit);
}

/** Horizontal bars; each row shows its label, count (in the admin's number format, as the tiles) and share as text. */
export function Bars({ title, rows, labelOf, isUnset, number, percent, testId }: { title: string; rows: BreakdownRow[]; labelOf: (r: BreakdownRow) => string; isUnset: (r: BreakdownRow) => boolean; number: (n: number) => string; percent: (share: number) => string; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.handoffs));
  return (
    <section class="card">
      <h2>{title}</h2>
      <ul class="bars" data-testid={testId}>
        {barOrder(rows, isUnset).map((r) => (
          <li key={r.key} data-key={r.key} class={isUnset(r) ? 'unset' : undefined}>
            <span class="bar-label" title={labelOf(r)}>{labelOf(r)}</span>
            <span class="bar-track"><span class="bar" style={{ width: `${(100 * r.handoffs) / max}%` }} /></span>
            <span class="bar-value"><b data-testid="count">{number(r.handoffs)}</b> · {percent(r.share)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
