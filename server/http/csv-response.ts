import type { Context } from 'hono';
import type { InsightsReport } from '../insights/report.js';

/** An insights CSV as a download named after its period, e.g. baton-insights-trend-2026-10-25-2026-11-24.csv. */
export function csvResponse(c: Context, csv: string, r: InsightsReport, name: string): Response {
  const day = (iso: string) => iso.slice(0, 10);
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="baton-insights-${name}-${day(r.period.from)}-${day(r.period.to)}.csv"`);
  return c.body(csv, 200);
}
