import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWorld, type AppWorld } from './app-world.js';
import { appFrame } from './axe.js';
import { CHROMIUM, hasChromium } from './chromium.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the insights layout browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

const row = (key: string, handoffs: number, share: number) => ({ key, label: key, handoffs, share, previous: 0, change: null });
/** A report with figures no seeded relay reaches in a test run (billions): what the layout must still hold. */
const HUGE = 987_654_321_012;
const report = {
  period: { from: '2026-10-25T12:00:00.000Z', to: '2026-11-24T12:00:00.000Z', bucket: 'day', agentId: null },
  summary: {
    handoffs: HUGE, conversations: HUGE * 3, handedOffConversations: HUGE, handoffRate: 123.456, failed: HUGE, returnedToAi: HUGE, returnedShare: 0.75, reescalated: 4, reescalatedShare: 0.1,
    firstReply: { count: 35, medianSeconds: 98_765_432, p90Seconds: 987_654_321 }, solve: { count: 30, medianSeconds: 180_000, p90Seconds: null },
    waiting: { firstReplyWithinHours: { count: HUGE, medianSeconds: 300, p90Seconds: 900 }, firstReplyOutsideHours: { count: 10, medianSeconds: 50_400, p90Seconds: null }, timeouts: { noAgent: HUGE, agentSilent: 5 } },
  },
  trend: [{ start: '2026-11-22', handoffs: HUGE, conversations: HUGE, rate: 1 }, { start: '2026-11-23', handoffs: 7, conversations: 20, rate: 0.35 }],
  breakdowns: { reason: [row('customer_request', HUGE, 1)], rule: [], intent: [], language: [], agent: [] },
  rising: [],
  // An intent as an AI platform may name it: one unbroken run of letters, dots and underscores.
  gaps: [{ ...row(`billing.${'subscription_cancellation_'.repeat(6)}refund`, 30, 0.75), dimension: 'intent', examples: [{ sessionId: 'ses_1', ticketId: '812', createdAt: '2026-11-23T10:00:00Z', summary: null }] }],
};

/** The insights page's layout in Chromium with the real ZAF SDK, on figures larger than a test relay can seed. */
suite('the insights page with huge figures in Chromium', () => {
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld();
  }, 60_000);
  afterAll(() => world?.stop());

  /** The nav_bar page at a narrow width, in German, its report answered with `report`. */
  const open = async (width = 640) => {
    const { browser, workspace, relay } = world!;
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // Zendesk's proxy answers the report; the rest of the page talks to the real relay.
    await page.route('**/proxy', async (request) => {
      const target = String((JSON.parse(request.request().postData() ?? '{}') as { url?: string }).url);
      if (target.includes('/app/v1/insights?')) return request.fulfill({ contentType: 'application/json', body: JSON.stringify({ status: 200, body: report }) });
      return request.fallback();
    });
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=de`);
    return page;
  };

  it('keeps every tile\'s figure inside its tile at a narrow nav_bar width, in German', async () => {
    const page = await open();
    await page.frameLocator('#app').locator('[data-testid=tile-handoffs]').waitFor({ timeout: 15_000 });
    // A figure wider than its tile runs over the next tile (or off the page): by how many pixels, tile by tile.
    const overflow = await appFrame(page).evaluate(() => [...document.querySelectorAll('.tile')].map((tile) => {
      const box = tile.getBoundingClientRect();
      const widest = Math.max(...[...tile.children].map((c) => c.getBoundingClientRect().left + c.scrollWidth));
      return `${tile.getAttribute('data-testid')}:${Math.max(0, Math.round(widest - box.right))}`;
    }).filter((s) => !s.endsWith(':0')));
    expect(overflow).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps the trend\'s highest count readable, not cut at the chart\'s left edge', async () => {
    const page = await open();
    const max = page.frameLocator('#app').locator('[data-testid=trend-max]');
    expect(await max.textContent({ timeout: 15_000 })).toBe('987.654.321.012');
    const cut = await max.evaluate((text) => text.closest('svg')!.getBoundingClientRect().left - text.getBoundingClientRect().left);
    expect(cut).toBeLessThanOrEqual(0);
    await page.close();
  }, 60_000);

  it('wraps a long knowledge-gap name inside the page instead of scrolling it sideways', async () => {
    const page = await open();
    await page.frameLocator('#app').locator('[data-testid=gaps] li').first().waitFor({ timeout: 15_000 });
    expect(await appFrame(page).evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.close();
  }, 60_000);

  it('keeps the breakdowns inside a 320 px page instead of scrolling the whole page sideways', async () => {
    const page = await open(320);
    await page.frameLocator('#app').locator('[data-testid=bars-reason] li').first().waitFor({ timeout: 15_000 });
    // What sticks out past the page's right edge, and by how many pixels.
    const past = await appFrame(page).evaluate(() => [...document.querySelectorAll('section.card')]
      .map((card) => `${card.querySelector('h2')?.textContent}:${Math.max(0, Math.round(card.getBoundingClientRect().right - document.documentElement.clientWidth))}`)
      .filter((s) => !s.endsWith(':0')));
    expect(past).toEqual([]);
    expect(await appFrame(page).evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.close();
  }, 60_000);
});
