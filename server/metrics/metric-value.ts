/**
 * The value of an unlabelled sample on a Prometheus text page (the relay's /metrics), NaN when the page has
 * no such line — so a renamed metric shows up as NaN in a bench table or a failed comparison in a test,
 * never as a silent 0. Benches and tests read counters through this one parser.
 */
export function metricValue(page: string, name: string): number {
  for (const line of page.split('\n')) {
    if (line.startsWith(name) && line.charCodeAt(name.length) === 32 /* space */) return Number(line.slice(name.length + 1));
  }
  return Number.NaN;
}
