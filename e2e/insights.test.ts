import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk, rotateAppSecret } from '../server/relay/admin.js';
import { startTestRelay, type TestRelay } from '../server/test/harness.js';
import { appToken, drivePlan, seedAgents } from '../server/test/insights-driver.js';
import { expectedReport } from '../server/test/insights-expected.js';
import { planHandoffs, type Plan } from '../server/test/insights-plan.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';
import { startWorkspace } from './workspace.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the insights browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The insights page (nav_bar) in Chromium with the real ZAF SDK, on six weeks of handoffs played through
 * the relay and the Zendesk emulator: the tiles, trend and bars show the figures computed from the plan.
 * Nothing is planned on the day 30 days ago, so the page's "last 30 days" (from its own clock) and the
 * test's period hold exactly the same handoffs.
 */
suite('the insights page in Chromium', () => {
  let browser: Browser;
  let z: ZendeskEmulator;
  let relay: TestRelay;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  let plan: Plan;
  let agents: Awaited<ReturnType<typeof seedAgents>>;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    z.addApiToken('admin@acme.test', 'dev-token');
    relay = await startTestRelay('pglite', { env: { RECONCILE_INTERVAL_MS: '600000', INSIGHTS_ROLLUP_INTERVAL_MS: '0' } }); // rows are moved into the past after the fact: no background rollup before that
    await connectZendesk(relay.relay.db, relay.relay.masterKey, relay.tenantId, { baseUrl: z.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
    await provisionTenantZendesk(relay.relay.db, relay.relay.masterKey, relay.tenantId, relay.url);
    agents = await seedAgents(relay, 1, relay.receiver.url);
    const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
    const excluded = isoDay(today - 30 * DAY);
    const full = planHandoffs({ seed: 7, agents: 2, start: isoDay(today - 45 * DAY), end: isoDay(today), perDay: 1, failed: 3, customersPerAgent: 20 });
    plan = { handoffs: full.handoffs.filter((h) => isoDay(h.at.getTime()) !== excluded), conversations: full.conversations.filter((c) => isoDay(c.at.getTime()) !== excluded) };
    await drivePlan(relay, z, plan, agents, await appToken(relay));
    // This account has no Zendesk schedule and no timeout set: give the waiting figures what handoffs within and
    // outside business hours (9–17 UTC on weekdays here) and a 60-minute no-agent timeout would have left, on the
    // plan's own times (the driver moved the sessions into the past; their waiting rows follow them).
    await relay.relay.db.query(`UPDATE session_waiting w SET accepted_at = s.created_at, first_reply_at = s.first_reply_at,
      within_business_hours = (extract(isodow FROM s.created_at) < 6 AND extract(hour FROM s.created_at) BETWEEN 9 AND 16),
      no_agent_fired_at = CASE WHEN s.first_reply_at IS NULL OR s.first_reply_at > s.created_at + interval '60 minutes' THEN s.created_at + interval '60 minutes' END,
      agent_silent_count = CASE WHEN ascii(right(s.id, 1)) % 7 = 0 THEN 1 ELSE 0 END
      FROM sessions s WHERE s.id = w.session_id`);
    // The workspace signs the app's requests with the tenant's current secret.
    const secret = await rotateAppSecret(relay.relay.db, relay.relay.masterKey, relay.tenantId);
    workspace = await startWorkspace({ sharedSecret: secret });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await workspace?.stop();
    await relay?.stop();
    await z?.stop();
  });

  it('shows the seeded numbers as tiles, trend and bars, and opens an example ticket', async () => {
    // An admin in Berlin: buckets are Berlin days (the page sends the browser's time zone).
    const page = await browser.newPage({ viewport: { width: 1200, height: 1300 }, timezoneId: 'Europe/Berlin' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const now = Date.now();
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const app = page.frameLocator('#app');
    const expected = expectedReport(plan, { from: new Date(now - 30 * DAY), to: new Date(now), agents: [0, 1], bucket: 'day', agentIds: agents.map((a) => a.agentId), timeZone: 'Europe/Berlin' });
    const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    const tile = (id: string) => app.locator(`[data-testid=${id}] .tile-value`).textContent();

    await expect.poll(() => tile('tile-handoffs'), { timeout: 20_000 }).toBe(String(expected.summary.handoffs));
    expect(await tile('tile-failed')).toBe(String(expected.summary.failed));
    expect(await tile('tile-rate')).toBe(percent.format(expected.summary.handoffs / expected.summary.conversations));
    expect(await tile('tile-returned')).toBe(percent.format(expected.summary.returnedToAi / expected.summary.handoffs));
    expect(await tile('tile-reescalated')).toBe(percent.format(expected.summary.reescalated / expected.summary.handoffs));
    const dots = await app.locator('[data-testid=trend] circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-count'))));
    expect(dots).toEqual(expected.trend.map((b) => b.handoffs));
    const reasonBars = await app.locator('[data-testid=bars-reason] li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-key'), Number(li.querySelector('[data-testid=count]')!.textContent)]));
    expect(reasonBars).toEqual(expected.breakdowns.reason.filter((r) => r.handoffs > 0).slice(0, 8).map((r) => [r.key, r.handoffs]));
    // Named topics by count, then "(none)" (no intent) last, labelled in words.
    const intentBars = await app.locator('[data-testid=bars-intent] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key')));
    const intents = expected.breakdowns.intent.filter((r) => r.handoffs > 0);
    const unsetIntents = intents.filter((r) => r.key === '(none)');
    expect(unsetIntents).toHaveLength(1);
    expect(intentBars).toEqual([...intents.filter((r) => r.key !== '(none)').slice(0, 8 - unsetIntents.length), ...unsetIntents].map((r) => r.key));
    expect(await app.locator('[data-testid=bars-intent] li').last().locator('.bar-label').textContent()).toBe('Not set');
    expect(await app.locator('[data-testid=bars-rule] li').last().getAttribute('data-key')).toBe('(none)');
    // The trend: at least five dates under the axis, in text a person reads (not scaled up with the page).
    const dates = await app.locator('[data-testid=trend-date] text').evaluateAll((ts) => ts.map((t) => ({ text: t.textContent, height: t.getBoundingClientRect().height })));
    expect(dates.length).toBeGreaterThanOrEqual(5);
    for (const d of dates) {
      expect(d.text).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
      expect(d.height).toBeGreaterThan(9);
      expect(d.height).toBeLessThan(20);
    }
    // The rate is a share of conversations.
    expect(Number.parseFloat((await tile('tile-rate'))!)).toBeLessThanOrEqual(100);
    // Each gap lists each example ticket once, as its own link.
    const gapTickets = await app.locator('[data-testid=gaps] > li').evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('button')].map((b) => b.textContent)));
    for (const tickets of gapTickets) {
      expect(new Set(tickets).size).toBe(tickets.length);
      for (const t of tickets) expect(t).toMatch(/^#\d+$/);
    }
    // While customers waited: the figures of the handoffs in the period, as the relay recorded them.
    const { rows: [w] } = await relay.relay.db.query<{ within: number; outside: number; no_agent: number; silent: number }>(
      `SELECT count(first_reply_at) FILTER (WHERE within_business_hours)::int AS within, count(first_reply_at) FILTER (WHERE NOT within_business_hours)::int AS outside,
              count(no_agent_fired_at)::int AS no_agent, COALESCE(sum(agent_silent_count), 0)::int AS silent
         FROM session_waiting WHERE accepted_at >= $1 AND accepted_at < $2`, [new Date(now - 30 * DAY), new Date(now)]);
    expect(w!.within + w!.outside).toBeGreaterThan(0);
    expect(await app.getByRole('heading', { name: 'While customers waited' }).count()).toBe(1);
    expect(await app.locator('[data-testid=tile-first-reply-within] .tile-detail').textContent()).toBe(`${w!.within} handoffs`);
    expect(await app.locator('[data-testid=tile-first-reply-outside] .tile-detail').textContent()).toBe(`${w!.outside} handoffs`);
    expect(await tile('tile-no-agent-timeouts')).toBe(String(w!.no_agent));
    expect(await tile('tile-agent-silent')).toBe(String(w!.silent));
    expect(blocking(await axeViolations(page))).toEqual([]);
    const agentBars = await app.locator('[data-testid=bars-agent] li').evaluateAll((lis) => lis.map((li) => Number(li.querySelector('[data-testid=count]')!.textContent)));
    expect(agentBars).toEqual(expected.breakdowns.agent.filter((r) => r.handoffs > 0).map((r) => r.handoffs));
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-insights.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(import.meta.dirname, '..', 'public', 'screenshot-1.png') }); // marketplace listing, second

    const firstExample = expected.gaps[0]!.examples[0]!;
    await app.locator('[data-testid=gaps] button', { hasText: `#${firstExample}` }).first().click();
    await expect.poll(() => page.evaluate(() => JSON.stringify((window as unknown as { zafInvoked: unknown[] }).zafInvoked))).toContain(firstExample!);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
