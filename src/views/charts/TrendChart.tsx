type Point = { start: string; handoffs: number; rate: number | null };

/** A fixed coordinate system: the SVG scales to its box (CSS caps its width), so text stays near 11 px. */
const W = 600;
const H = 160;
const PAD = { left: 34, right: 10, top: 14, bottom: 24 };
/** Date labels under the axis: enough to read the period (at least five when it has five buckets), few enough not to collide. */
const DATE_TICKS = 6;

/** Evenly spread indexes of `n` points, first and last included. */
export function tickIndexes(n: number, wanted = DATE_TICKS): number[] {
  if (n <= wanted) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: wanted }, (_, k) => Math.round((k * (n - 1)) / (wanted - 1))))];
}

/**
 * Handoffs per bucket as a line (hand-written SVG: no chart library in the bundle). Every point carries
 * its numbers in a <title>, so a hover shows them and the figures stay in the DOM for screen readers.
 */
export function TrendChart({ points, label, rateLabel, describe, formatDate, formatNumber }: { points: Point[]; label: string; rateLabel: string; describe: (p: Point) => string; formatDate: (isoDay: string) => string; formatNumber: (n: number) => string }) {
  const max = Math.max(1, ...points.map((p) => p.handoffs));
  const maxText = formatNumber(max);
  // Room left of the axis for the highest count (about 7 units a character at the 11 px tick size): "12,500" a week
  // would be cut at the chart's edge with the fixed padding alone.
  const left = Math.max(PAD.left, 4 + Math.ceil(maxText.length * 7));
  // The rate as a second, lighter line on its own scale (0 to its highest value), labelled on the right.
  const maxRate = Math.max(0.0001, ...points.map((p) => p.rate ?? 0));
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i * (W - left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.handoffs).toFixed(1)}`).join(' ');
  const rateLine = points.map((p, i) => (p.rate === null ? '' : `${x(i).toFixed(1)},${y((p.rate / maxRate) * max).toFixed(1)}`)).filter(Boolean).join(' ');
  const ticks = tickIndexes(points.length);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="trend" role="img" aria-label={label} data-testid="trend">
      <line x1={left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="axis" />
      <line x1={left} x2={W - PAD.right} y1={y(max)} y2={y(max)} class="gridline" />
      <text x={left - 4} y={y(max) + 4} text-anchor="end" class="tick" data-testid="trend-max">{maxText}</text>
      <text x={left - 4} y={y(0) + 4} text-anchor="end" class="tick">0</text>
      {rateLine && <polyline points={rateLine} class="rate-line" data-testid="trend-rate" />}
      {rateLine && <text x={W - PAD.right} y={PAD.top - 4} text-anchor="end" class="tick rate">{`╌╌ ${rateLabel} (≤ ${Math.round(maxRate * 100)} %)`}</text>}
      <polyline points={line} class="line" />
      {points.map((p, i) => (
        <circle key={p.start} cx={x(i)} cy={y(p.handoffs)} r={points.length > 60 ? 1.5 : 3} class="dot" data-count={p.handoffs}>
          <title>{describe(p)}</title>
        </circle>
      ))}
      {ticks.map((i, k) => (
        <g key={points[i]!.start} data-testid="trend-date">
          <line x1={x(i)} x2={x(i)} y1={y(0)} y2={y(0) + 4} class="axis" />
          <text x={x(i)} y={H - 6} text-anchor={ticks.length > 1 && k === 0 ? 'start' : k === ticks.length - 1 && ticks.length > 1 ? 'end' : 'middle'} class="tick">{formatDate(points[i]!.start)}</text>
        </g>
      ))}
    </svg>
  );
}
