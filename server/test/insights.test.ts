import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../cli/commands.js';
import { RELATIVE_ERROR } from '../insights/histogram.js';
import { resolvePeriod } from '../insights/period.js';
import { buildInsightsReport } from '../insights/report.js';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { startTestRelay, type TestRelay } from './harness.js';
import { agentCall, appToken, drivePlan, seedAgents, type SeededAgent } from './insights-driver.js';
import { expectedReport } from './insights-expected.js';
import { planHandoffs, type Plan } from './insights-plan.js';

warnIfPostgresSkipped('insights.test.ts');

const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');
const QUERY = 'from=2026-10-01&to=2026-10-31';

/**
 * Two months of handoffs by three AI agents (September as the baseline, October as the period, early
 * November for "escalated again within 7 days") go through the real API and the Zendesk emulator;
 * every figure of the report is then checked against the same figures computed from the plan.
 */
describe.each(BACKENDS)('handoff insights on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  let agents: SeededAgent[];
  let token: string;
  let plan: Plan;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000', INSIGHTS_ROLLUP_INTERVAL_MS: '0' } }); // rows are moved into the past after the fact: no background rollup before that
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    agents = await seedAgents(t, 2, t.receiver.url);
    token = await appToken(t);
    plan = planHandoffs({ seed: 2026, agents: 3, start: '2026-09-12', end: '2026-11-06', perDay: 1, failed: 5, customersPerAgent: 25 });
    await drivePlan(t, z, plan, agents, token);
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  const app = async (path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };

  /**
   * `percentiles`: 'exact' when no whole day of the period is over a week old (read live: `percentile_cont`);
   * 'rolled' when some are — from HISTOGRAMS_FROM_DAYS rolled days on (longer than these periods, which so still
   * get exact ones) their durations come from log-spaced histograms, so the median and p90 may differ
   * from the exact ones by the stated bound (RELATIVE_ERROR, under 2 %). Every count stays exact either way.
   */
  function checkReport(report: any, expected: ReturnType<typeof expectedReport>, percentiles: 'exact' | 'rolled' = 'rolled') {
    const s = report.summary;
    const e = expected.summary;
    expect(e.handoffs).toBeGreaterThan(0);
    expect({ handoffs: s.handoffs, conversations: s.conversations, failed: s.failed, returnedToAi: s.returnedToAi, reescalated: s.reescalated })
      .toEqual({ handoffs: e.handoffs, conversations: e.conversations, failed: e.failed, returnedToAi: e.returnedToAi, reescalated: e.reescalated });
    expect(s.handoffRate).toBeCloseTo(e.handoffs / e.conversations, 9);
    expect(s.returnedShare).toBeCloseTo(e.returnedToAi / e.handoffs, 9);
    expect(s.reescalatedShare).toBeCloseTo(e.reescalated / e.handoffs, 9);
    for (const [got, want] of [[s.firstReply, e.firstReply], [s.solve, e.solve]] as const) {
      expect(got.count).toBe(want.count);
      if (percentiles === 'exact') {
        expect(got.medianSeconds).toBeCloseTo(want.median!, 2);
        expect(got.p90Seconds).toBeCloseTo(want.p90!, 2);
      } else {
        // + 0.0005: the report rounds to milliseconds.
        expect(Math.abs(got.medianSeconds - want.median!)).toBeLessThanOrEqual(want.median! * RELATIVE_ERROR + 0.0005);
        expect(Math.abs(got.p90Seconds - want.p90!)).toBeLessThanOrEqual(want.p90! * RELATIVE_ERROR + 0.0005);
      }
    }
    expect(report.trend.map((b: any) => ({ start: b.start, handoffs: b.handoffs, conversations: b.conversations }))).toEqual(expected.trend);
    for (const dimension of ['reason', 'rule', 'intent', 'language', 'agent'] as const) {
      const want = expected.breakdowns[dimension].filter((r) => r.handoffs > 0);
      expect(report.breakdowns[dimension].map((r: any) => [r.key, r.handoffs, r.previous]), dimension).toEqual(want.map((r) => [r.key, r.handoffs, r.previous]));
      for (const [i, r] of want.entries()) expect(report.breakdowns[dimension][i].share).toBeCloseTo(r.share, 9);
    }
    expect(report.rising.map((r: any) => r.key)).toEqual(expected.rising);
    expect(report.gaps.map((g: any) => [g.dimension, g.key, g.handoffs, g.examples.map((x: any) => x.ticketId)]))
      .toEqual(expected.gaps.map((g) => [g.dimension, g.key, g.handoffs, g.examples]));
  }

  it('reports every figure of the whole tenant to the Zendesk app, as JSON and as CSV', async () => {
    const res = await app(`/app/v1/insights?${QUERY}`);
    expect(res.status).toBe(200);
    const report = JSON.parse(res.text);
    checkReport(report, expectedReport(plan, { from: FROM, to: TO, agents: [0, 1, 2], bucket: 'day', agentIds: agents.map((a) => a.agentId) }));
    expect(report.breakdowns.rule.map((r: any) => r.label)).toContain('Customer asks for a human');
    expect(report.breakdowns.agent.map((r: any) => r.label).sort()).toEqual(['Bot', 'Bot 2', 'Bot 3']);
    expect(report.trend).toHaveLength(31);

    const csv = await app(`/app/v1/insights/csv?${QUERY}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('baton-insights-report-2026-10-01-2026-11-01.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('section,key,label,metric,value');
    expect(lines).toContain(`summary,,,handoffs,${report.summary.handoffs}`);
    expect(lines).toContain(`trend,2026-10-07,,handoffs,${report.trend[6].handoffs}`);
  });

  it('prints the same figures for operators on the CLI', async () => {
    const lines: string[] = [];
    const ctx = { db: t.relay.db, masterKey: t.relay.masterKey, publicBaseUrl: t.url, print: (l: string) => lines.push(l) };
    const e = expectedReport(plan, { from: FROM, to: TO, agents: [0, 1, 2], bucket: 'day', agentIds: agents.map((a) => a.agentId) }).summary;
    expect(await runCommand(ctx, ['insights', '--tenant', t.tenantId, '--from', '2026-10-01', '--to', '2026-10-31'])).toBe(0);
    expect(lines.join('\n')).toContain(`handoffs ${e.handoffs} of ${e.conversations} conversations`);
    expect(await runCommand(ctx, ['insights', '--tenant', t.tenantId, '--from', '2026-10-01', '--to', '2026-10-31', '--csv'])).toBe(0);
    expect(lines.at(-1)).toContain(`summary,,,failed,${e.failed}`);
    expect(await runCommand(ctx, ['insights', '--tenant', t.tenantId, '--from', 'October'])).not.toBe(0);
  });

  it('filters by AI agent and buckets by week', async () => {
    const res = await app(`/app/v1/insights?${QUERY}&bucket=week&agentId=${agents[1]!.agentId}`);
    checkReport(JSON.parse(res.text), expectedReport(plan, { from: FROM, to: TO, agents: [1], bucket: 'week', agentIds: agents.map((a) => a.agentId) }));
    expect(JSON.parse(res.text).trend[0].start).toBe('2026-09-28'); // the ISO week that holds October 1st
  });

  it('buckets by the days and weeks of the admin\'s time zone, daylight saving included', async () => {
    const ids = agents.map((a) => a.agentId);
    // Los Angeles: October is PDT (UTC−7) and November 1 ends daylight saving, so the last day has 25 hours.
    const la = await app(`/app/v1/insights?from=2026-10-01&to=2026-11-01&tz=America/Los_Angeles`);
    const report = JSON.parse(la.text);
    expect(report.period).toMatchObject({ from: '2026-10-01T07:00:00.000Z', to: '2026-11-02T08:00:00.000Z', timeZone: 'America/Los_Angeles' });
    checkReport(report, expectedReport(plan, { from: new Date(report.period.from), to: new Date(report.period.to), agents: [0, 1, 2], bucket: 'day', agentIds: ids, timeZone: 'America/Los_Angeles' }));
    expect(report.trend.map((b: any) => b.start).at(-1)).toBe('2026-11-01');
    // Kolkata (UTC+5:30) by week: quarter-hour rollups line up with half-hour offsets too.
    const kolkata = JSON.parse((await app(`/app/v1/insights?from=2026-10-01&to=2026-10-31&tz=Asia/Kolkata&bucket=week`)).text);
    expect(kolkata.period.from).toBe('2026-09-30T18:30:00.000Z');
    checkReport(kolkata, expectedReport(plan, { from: new Date(kolkata.period.from), to: new Date(kolkata.period.to), agents: [0, 1, 2], bucket: 'week', agentIds: ids, timeZone: 'Asia/Kolkata' }));
    expect((await app('/app/v1/insights?tz=Mars/Olympus')).status).toBe(422);
  });

  it("answers an AI platform's API key with its own agent's figures, and each section as CSV", async () => {
    const call = agentCall(t.url, agents[2]!.apiKey);
    const res = await call('GET', `/v1/insights?${QUERY}`);
    expect(res.status).toBe(200);
    checkReport(res.body, expectedReport(plan, { from: FROM, to: TO, agents: [2], bucket: 'day', agentIds: agents.map((a) => a.agentId) }));
    const trend = await call('GET', `/v1/insights/trend?${QUERY}&format=csv`);
    const rows = trend.text.trim().split('\r\n');
    expect(rows[0]).toBe('bucket_start,handoffs,conversations,handoff_rate');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual(res.body.trend.map((b: any) => `${b.start},${b.handoffs},${b.conversations}`));
    const gaps = await call('GET', `/v1/insights/gaps?${QUERY}`);
    expect(gaps.body.gaps).toEqual(res.body.gaps);
  });

  it('gives the same figures whichever days come from the daily rollups and which are read live', async () => {
    const from = new Date('2026-10-03T09:30:00Z');
    const to = new Date('2026-10-29T17:00:00Z');
    const period = resolvePeriod({ from: from.toISOString(), to: to.toISOString(), bucket: 'day' }, to);
    const expected = expectedReport(plan, { from, to, agents: [0, 1, 2], bucket: 'day', agentIds: agents.map((a) => a.agentId) });
    // "Now" decides the split: nothing rolled, half of it, all of it (the partial first and last days stay live).
    // A day's counts are rolled once it is a day old, the rest once it is a week old: on the 13th the days from the
    // 5th to the 11th are rolled for their counts and read live for outcomes and "escalated again"; on the 20th the
    // days up to the 18th are counted and those up to the 11th rolled entirely; on November 24th everything is.
    await forgetRollups(); // the reports above (at the real now) rolled every day already
    for (const now of ['2026-10-05T12:00:00Z', '2026-10-13T12:00:00Z', '2026-10-20T12:00:00Z', '2026-11-24T12:00:00Z']) {
      const report = await buildInsightsReport(t.relay.db, { tenantId: t.tenantId, agentId: null }, period, new Date(now));
      checkReport(report, expected, now === '2026-10-05T12:00:00Z' ? 'exact' : 'rolled');
    }
  });

  it('gives the same figures in a time zone when days are rolled for their counts but still live for their outcomes', async () => {
    // Kolkata (UTC+5:30) by day: local days straddle the UTC midnights where rolled counts meet live ones.
    const ids = agents.map((a) => a.agentId);
    for (const [now, bucket] of [['2026-10-22T03:00:00Z', 'day'], ['2026-10-27T20:00:00Z', 'week']] as const) {
      await forgetRollups();
      const period = resolvePeriod({ from: '2026-10-06', to: '2026-10-28', bucket, timeZone: 'Asia/Kolkata' }, new Date(now));
      const expected = expectedReport(plan, { from: period.from, to: period.to, agents: [0, 1, 2], bucket, agentIds: ids, timeZone: 'Asia/Kolkata' });
      const report = await buildInsightsReport(t.relay.db, { tenantId: t.tenantId, agentId: null }, period, new Date(now));
      checkReport(report, expected);
      const counted = await t.relay.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM insights_counted_days c WHERE tenant_id = $1 AND day >= '2026-10-06' AND day < $2::date
            AND NOT EXISTS (SELECT 1 FROM insights_rolled_days r WHERE r.tenant_id = c.tenant_id AND r.day = c.day)`, [t.tenantId, now.slice(0, 10)]);
      expect(counted.rows[0]!.n).toBeGreaterThan(0); // the case this is about: days rolled for their counts only
    }
  });

  /** Drops the tenant's rollups, so a report at a made-up "now" rolls the days that now would have. */
  async function forgetRollups() {
    for (const table of ['insights_rolled_days', 'insights_counted_days', 'insights_daily', 'insights_daily_totals', 'insights_daily_durations', 'insights_daily_first_handoffs', 'insights_quarter_hours', 'insights_tenant_quarter_hours']) {
      await t.relay.db.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [t.tenantId]);
    }
  }

  it('refuses bad periods, unknown sections and other tenants\' agents with 4xx codes', async () => {
    const call = agentCall(t.url, agents[0]!.apiKey);
    expect((await call('GET', '/v1/insights?from=2026-11-01&to=2026-10-01')).body.error.code).toBe('validation_failed');
    expect((await call('GET', '/v1/insights?from=2024-01-01&to=2026-10-01')).status).toBe(422);
    expect((await call('GET', '/v1/insights?bucket=hour')).status).toBe(422);
    expect((await call('GET', '/v1/insights/everything')).status).toBe(422);
    expect((await app('/app/v1/insights?agentId=agt_nope')).status).toBe(404);
    expect((await fetch(`${t.url}/app/v1/insights`)).status).toBe(401);
  });
});
