import type { InsightsReport } from './report.js';

/**
 * CSV (RFC 4180) of insights reports. Labels come from customers' data (intents, rule names), so a
 * cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const SECTIONS = ['summary', 'trend', 'breakdowns', 'rising', 'gaps'] as const;
export type Section = (typeof SECTIONS)[number];

/** One section as a wide table, the shape a spreadsheet or BI tool imports directly. */
export function sectionCsv(report: InsightsReport, section: Section): string {
  switch (section) {
    case 'summary':
      return toCsv(['metric', 'value'], Object.entries(flatSummary(report)));
    case 'trend':
      return toCsv(['bucket_start', 'handoffs', 'conversations', 'handoff_rate'], report.trend.map((b) => [b.start, b.handoffs, b.conversations, b.rate]));
    case 'breakdowns':
      return toCsv(
        ['dimension', 'key', 'label', 'handoffs', 'share', 'previous_period', 'change'],
        Object.entries(report.breakdowns).flatMap(([dimension, rows]) => rows.map((r) => [dimension, r.key, r.label, r.handoffs, r.share, r.previous, r.change])),
      );
    case 'rising':
      return toCsv(['reason', 'handoffs', 'previous_period', 'change'], report.rising.map((r) => [r.key, r.handoffs, r.previous, r.change]));
    case 'gaps':
      return toCsv(
        ['dimension', 'key', 'label', 'handoffs', 'share', 'example_session_id', 'example_ticket_id', 'example_created_at', 'example_summary'],
        report.gaps.flatMap((g) =>
          (g.examples.length > 0 ? g.examples : [null]).map((e) => [g.dimension, g.key, g.label, g.handoffs, g.share, e?.sessionId ?? null, e?.ticketId ?? null, e?.createdAt ?? null, e?.summary ?? null]),
        ),
      );
  }
}

/** The whole report in one long table (section, key, label, metric, value): one file, every figure. */
export function reportCsv(report: InsightsReport): string {
  const rows: Array<Array<string | number | null>> = [];
  const p = report.period;
  rows.push(['period', 'from', null, 'value', p.from], ['period', 'to', null, 'value', p.to], ['period', 'agent_id', null, 'value', p.agentId]);
  for (const [metric, value] of Object.entries(flatSummary(report))) rows.push(['summary', null, null, metric, value]);
  for (const b of report.trend) {
    rows.push(['trend', b.start, null, 'handoffs', b.handoffs], ['trend', b.start, null, 'conversations', b.conversations], ['trend', b.start, null, 'handoff_rate', b.rate]);
  }
  for (const [dimension, list] of Object.entries(report.breakdowns)) {
    for (const r of list) {
      rows.push([dimension, r.key, r.label, 'handoffs', r.handoffs], [dimension, r.key, r.label, 'share', r.share], [dimension, r.key, r.label, 'previous_period', r.previous]);
    }
  }
  for (const r of report.rising) rows.push(['rising', r.key, r.label, 'change', r.change]);
  for (const g of report.gaps) {
    for (const e of g.examples) rows.push([`gap:${g.dimension}`, g.key, g.label, 'example_ticket_id', e.ticketId]);
  }
  return toCsv(['section', 'key', 'label', 'metric', 'value'], rows);
}

function flatSummary(report: InsightsReport): Record<string, number | null> {
  const s = report.summary;
  return {
    handoffs: s.handoffs,
    conversations: s.conversations,
    handed_off_conversations: s.handedOffConversations,
    handoff_rate: s.handoffRate,
    failed: s.failed,
    returned_to_ai: s.returnedToAi,
    returned_share: s.returnedShare,
    reescalated_within_7_days: s.reescalated,
    reescalated_share: s.reescalatedShare,
    first_reply_count: s.firstReply.count,
    first_reply_median_seconds: s.firstReply.medianSeconds,
    first_reply_p90_seconds: s.firstReply.p90Seconds,
    solve_count: s.solve.count,
    solve_median_seconds: s.solve.medianSeconds,
    solve_p90_seconds: s.solve.p90Seconds,
    first_reply_within_hours_count: s.waiting.firstReplyWithinHours.count,
    first_reply_within_hours_median_seconds: s.waiting.firstReplyWithinHours.medianSeconds,
    first_reply_outside_hours_count: s.waiting.firstReplyOutsideHours.count,
    first_reply_outside_hours_median_seconds: s.waiting.firstReplyOutsideHours.medianSeconds,
    no_agent_timeouts: s.waiting.timeouts.noAgent,
    agent_silent_timeouts: s.waiting.timeouts.agentSilent,
  };
}
