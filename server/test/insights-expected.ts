import type { Plan, PlannedHandoff } from './insights-plan.js';

/**
 * The insights figures computed from the plan alone, without the relay or SQL: what an analyst with a
 * spreadsheet of the same handoffs would get. Used to check every figure the relay reports.
 */
const DAY = 86_400_000;
const NONE = '(none)';
const RULE_OF_PATH = { direct: NONE, human: 'default-human-request', trigger: 'default-custom-trigger' } as const;

const dimensionsFor = (agentIds: string[]) => ({
  reason: (h: PlannedHandoff) => h.reason,
  rule: (h: PlannedHandoff) => RULE_OF_PATH[h.path],
  intent: (h: PlannedHandoff) => h.intent ?? NONE,
  language: (h: PlannedHandoff) => (h.locale ? h.locale.split('-')[0]!.toLowerCase() : NONE),
  agent: (h: PlannedHandoff) => agentIds[h.agent] ?? `agent ${h.agent}`,
});
type Dimension = keyof ReturnType<typeof dimensionsFor>;

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function expectedReport(plan: Plan, q: { from: Date; to: Date; agents: number[]; bucket: 'day' | 'week'; agentIds?: string[]; timeZone?: string }) {
  const dimensionOf = dimensionsFor(q.agentIds ?? []);
  const inScope = (h: { agent: number }) => q.agents.includes(h.agent);
  const within = (at: Date, from: Date, to: Date) => at >= from && at < to;
  const current = plan.handoffs.filter((h) => inScope(h) && within(h.at, q.from, q.to));
  const previousFrom = new Date(q.from.getTime() - (q.to.getTime() - q.from.getTime()));
  const previous = plan.handoffs.filter((h) => inScope(h) && within(h.at, previousFrom, q.from));
  const conversationTimes = [
    ...plan.handoffs.filter(inScope).map((h) => h.at),
    ...plan.conversations.filter(inScope).map((c) => c.at),
  ].filter((at) => within(at, q.from, q.to));

  const replies = current.filter((h) => h.replyAfterS !== null).map((h) => h.replyAfterS!);
  const solves = current.filter((h) => h.solveAfterS !== null).map((h) => h.solveAfterS!);
  const reescalated = current.filter((h) =>
    plan.handoffs.some((o) => o.agent === h.agent && o.customerId === h.customerId && o.at > h.at && o.at.getTime() <= h.at.getTime() + 7 * DAY),
  ).length;

  // Local calendar days straight from Intl ('en-CA' formats as YYYY-MM-DD), weeks from Monday.
  const dayIn = new Intl.DateTimeFormat('en-CA', { timeZone: q.timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  const bucketOf = (at: Date) => {
    const day = dayIn.format(at);
    if (q.bucket === 'day') return day;
    const d = new Date(`${day}T00:00:00Z`);
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
  };
  const trend = new Map<string, { handoffs: number; conversations: number }>();
  // Every local day the period touches (hour steps cannot skip one, whatever the offset or DST).
  for (let t = q.from.getTime(); t < q.to.getTime(); t += 3_600_000) if (!trend.has(bucketOf(new Date(t)))) trend.set(bucketOf(new Date(t)), { handoffs: 0, conversations: 0 });
  // The period's last instant: its day may have begun less than an hour before `to` (e.g. 00:20 in Berlin).
  const last = bucketOf(new Date(q.to.getTime() - 1));
  if (!trend.has(last)) trend.set(last, { handoffs: 0, conversations: 0 });
  for (const h of current) trend.get(bucketOf(h.at))!.handoffs++;
  for (const at of conversationTimes) trend.get(bucketOf(at))!.conversations++;

  const breakdowns = Object.fromEntries(
    (Object.keys(dimensionOf) as Dimension[]).map((d) => {
      const counts = new Map<string, { handoffs: number; previous: number }>();
      for (const h of current) counts.set(dimensionOf[d](h), { handoffs: (counts.get(dimensionOf[d](h))?.handoffs ?? 0) + 1, previous: 0 });
      for (const h of previous) {
        const row = counts.get(dimensionOf[d](h));
        if (row) row.previous++;
        else counts.set(dimensionOf[d](h), { handoffs: 0, previous: 1 });
      }
      const rows = [...counts].map(([key, c]) => ({ key, ...c, share: c.handoffs / current.length }))
        .sort((a, b) => b.handoffs - a.handoffs || a.key.localeCompare(b.key));
      return [d, rows];
    }),
  ) as Record<Dimension, Array<{ key: string; handoffs: number; previous: number; share: number }>>;

  const rising = breakdowns.reason.filter((r) => r.handoffs > r.previous)
    .sort((a, b) => b.handoffs - b.previous - (a.handoffs - a.previous) || a.key.localeCompare(b.key)).slice(0, 5).map((r) => r.key);
  const withHandoffs = (rows: typeof breakdowns.reason) => rows.filter((r) => r.handoffs > 0);
  const gapRows = [
    ...withHandoffs(breakdowns.reason).slice(0, 3).map((r) => ({ dimension: 'reason' as const, ...r })),
    ...withHandoffs(breakdowns.intent).filter((r) => r.key !== NONE).slice(0, 5).map((r) => ({ dimension: 'intent' as const, ...r })),
  ].sort((a, b) => b.handoffs - a.handoffs);
  const gaps = gapRows.map((g) => ({
    dimension: g.dimension,
    key: g.key,
    handoffs: g.handoffs,
    examples: current.filter((h) => dimensionOf[g.dimension](h) === g.key && h.outcome !== 'failed')
      .sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 3).map((h) => h.ticketId),
  }));

  return {
    summary: {
      handoffs: current.length,
      conversations: conversationTimes.length,
      failed: current.filter((h) => h.outcome === 'failed').length,
      returnedToAi: solves.length,
      reescalated,
      firstReply: { count: replies.length, median: percentile(replies, 0.5), p90: percentile(replies, 0.9) },
      solve: { count: solves.length, median: percentile(solves, 0.5), p90: percentile(solves, 0.9) },
    },
    trend: [...trend].map(([start, c]) => ({ start, ...c })),
    breakdowns,
    rising,
    gaps,
  };
}
