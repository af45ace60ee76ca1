/** One outcome figure: big value, caption, optional detail line. */
export function Tile({ testId, caption, value, detail }: { testId: string; caption: string; value: string; detail?: string }) {
  return (
    <div class="tile" data-testid={testId}>
      <span class="tile-value">{value}</span>
      <span class="tile-caption">{caption}</span>
      {detail && <span class="tile-detail">{detail}</span>}
    </div>
  );
}
