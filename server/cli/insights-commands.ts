import { z } from 'zod';
import { reportCsv } from '../insights/csv.js';
import { resolvePeriod } from '../insights/period.js';
import { buildInsightsReport } from '../insights/report.js';
import { isTimeZone } from '../insights/time-zone.js';
import { findAgent, findTenant } from '../store/tenants.js';
import { CommandFailed, define, str, type Command } from './command-kit.js';

// A calendar date, as /v1/insights checks it: a shape-only check let 2026-13-01 through to "Error: Invalid time value"
// (exit 1), and 2026-11-31 silently became December 1st.
const day = z.iso.date({ error: 'a date such as 2026-10-01' });

/** `npm run baton -- insights`: the insights report for operators, as text or as the app's CSV. */
export const INSIGHTS_COMMANDS: Record<string, Command> = {
  insights: define({
    summary: "A tenant's handoff insights (default: the last 30 days); --csv prints the report as CSV",
    usage: '--tenant <id> [--agent <id>] [--from 2026-10-01] [--to 2026-10-31] [--tz Europe/Berlin] [--csv]',
    options: z.object({
      tenant: str,
      agent: str.optional(),
      from: day.optional(),
      to: day.optional(),
      tz: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
      csv: z.boolean().optional(),
    }),
    async run(ctx, o) {
      // A mistyped id is not a tenant (or AI agent) with no handoffs: a report of zeros and exit 0 hid the typo.
      if (!(await findTenant(ctx.db, o.tenant))) throw new CommandFailed(`No tenant ${o.tenant} (see tenant:list)`);
      if (o.agent && (await findAgent(ctx.db, o.agent))?.tenantId !== o.tenant) {
        throw new CommandFailed(`No AI agent ${o.agent} in tenant ${o.tenant} (see agent:list)`);
      }
      const period = resolvePeriod({ from: o.from, to: o.to, agentId: o.agent, timeZone: o.tz }, new Date());
      const r = await buildInsightsReport(ctx.db, { tenantId: o.tenant, agentId: o.agent ?? null }, period);
      if (o.csv) return ctx.print(reportCsv(r).trimEnd());
      const s = r.summary;
      const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);
      const sec = (v: number | null) => (v === null ? '-' : `${Math.round(v)} s`);
      const rows = (list: typeof r.rising) => list.map((x) => `    ${x.label.padEnd(32)} ${String(x.handoffs).padStart(6)}  ${pct(x.share)}  (before: ${x.previous})`).join('\n') || '    (none)';
      ctx.print([
        `${r.period.from} → ${r.period.to}${o.agent ? ` · AI agent ${o.agent}` : ''}`,
        `handoffs ${s.handoffs} of ${s.conversations} conversations (${pct(s.handoffRate)}) · failed ${s.failed}`,
        `first reply median ${sec(s.firstReply.medianSeconds)}, p90 ${sec(s.firstReply.p90Seconds)} · solve median ${sec(s.solve.medianSeconds)}`,
        `returned to AI ${pct(s.returnedShare)} · escalated again within 7 days ${pct(s.reescalatedShare)}`,
        '  by reason:', rows(r.breakdowns.reason),
        '  by topic:', rows(r.breakdowns.intent),
        '  rising:', rows(r.rising),
      ].join('\n'));
    },
  }),
};
