import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRules } from '../server/store/rules.js';
import { findWaitingSettings } from '../server/store/waiting.js';
import { adminPage } from './admin-page.js';
import { startAppWorld, type AppWorld } from './app-world.js';
import { appFrame, axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium } from './chromium.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the admin tabs browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

/**
 * The nav_bar page's tabs in Chromium with the real ZAF SDK: the keyboard moves between them as the WAI-ARIA tabs
 * pattern says, and what an admin typed in one tab is still there after a look at another.
 */
suite('the admin page\'s tabs in Chromium', () => {
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld();
  }, 60_000);
  afterAll(() => world?.stop());
  const { openSignedIn, openWaitingSettings, draftRule } = adminPage(() => world!);

  /** The selected tab's name, and whether the keyboard focus is on it. */
  const selection = async (page: Page, app: FrameLocator) => ({
    selected: await app.locator('[role=tab][aria-selected=true]').textContent(),
    focused: await appFrame(page).evaluate(() => document.activeElement?.getAttribute('role') === 'tab' && document.activeElement.getAttribute('aria-selected') === 'true'),
  });

  it('moves between tabs with the arrow keys, Home and End, the focus with the selection', async () => {
    const { browser, workspace, relay } = world!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const app = page.frameLocator('#app');
    await app.getByRole('tab', { name: 'Insights' }).focus({ timeout: 15_000 });
    for (const [key, name] of [['ArrowRight', 'Rules'], ['ArrowRight', 'AI agents'], ['ArrowRight', 'Connection'], ['ArrowRight', 'Insights'], ['End', 'Connection'], ['Home', 'Insights'], ['ArrowLeft', 'Connection']] as const) {
      await page.keyboard.press(key);
      expect(await selection(page, app), `${key} → ${name}`).toEqual({ selected: name, focused: true });
    }
    // The list is one tab stop: Tab leaves it for the panel.
    await page.keyboard.press('Tab');
    expect(await appFrame(page).evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
    await app.locator('[data-testid=health-summary]').waitFor({ timeout: 15_000 });
    expect(blocking(await axeViolations(page)), 'connection tab').toEqual([]);
    mkdirSync(join(import.meta.dirname, '..', 'dist', 'screenshots'), { recursive: true });
    await page.keyboard.press('Shift+Tab');
    await page.screenshot({ path: join(import.meta.dirname, '..', 'dist', 'screenshots', 'admin-tabs-keyboard.png') });
    await page.close();
  }, 60_000);

  it('has one main landmark holding the tabs and every panel, with nothing outside a landmark, at the nav_bar\'s size', async () => {
    const { page, app } = await openSignedIn();
    await page.setViewportSize({ width: 1024, height: 768 });
    // What each tab shows once its data is in: axe judges the page as the admin reads it, not a loading line.
    const ready = { Insights: '[data-testid=empty], [data-testid=tile-handoffs]', Rules: '[data-testid=new-rule]', 'AI agents': '[data-testid=agent-card]', Connection: '[data-testid=health-summary]' };
    const shots = join(import.meta.dirname, '..', 'dist', 'screenshots');
    mkdirSync(shots, { recursive: true });
    for (const [name, selector] of Object.entries(ready)) {
      await app.getByRole('tab', { name }).click();
      await app.locator('[role=tabpanel]:not([hidden])').locator(selector).first().waitFor({ timeout: 15_000 });
      const landmarks = (await axeViolations(page)).filter((f) => f.id === 'region' || f.id.startsWith('landmark-'));
      expect(landmarks, `${name} tab`).toEqual([]);
      // Hidden panels count too: a tab's own <main> would be a second one (nested) the moment it is shown.
      expect(await appFrame(page).evaluate(() => document.querySelectorAll('main').length), `${name} tab`).toBe(1);
      await page.screenshot({ path: join(shots, `admin-landmarks-${name.replace(' ', '-').toLowerCase()}.png`) });
    }
    await page.close();
  }, 90_000);

  it('shows every tab inside a 320 px page, in English and German, without scrolling the page sideways', async () => {
    const { browser, workspace, relay } = world!;
    for (const locale of ['en', 'de']) {
      const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
      await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=${locale}`);
      const app = page.frameLocator('#app');
      await app.locator('[role=tab]').last().click({ timeout: 15_000 });
      await app.locator('[data-testid=health-summary]').waitFor({ timeout: 15_000 });
      // Each tab's right edge, past the page's when the list runs off it (the last one cut, the whole page scrolling).
      const past = await appFrame(page).evaluate(() => [...document.querySelectorAll('[role=tab]')]
        .map((tab) => `${tab.textContent}:${Math.max(0, Math.round(tab.getBoundingClientRect().right - document.documentElement.clientWidth))}`)
        .filter((s) => !s.endsWith(':0')));
      expect(past, locale).toEqual([]);
      expect(await appFrame(page).evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), locale).toBeLessThanOrEqual(0);
      mkdirSync(join(import.meta.dirname, '..', 'dist', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(import.meta.dirname, '..', 'dist', 'screenshots', `admin-tabs-320-${locale}.png`) });
      await page.close();
    }
  }, 60_000);

  it('keeps the lines of a page title that wraps at 320 px apart, on every tab, in German', async () => {
    const { browser, workspace, relay } = world!;
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=de`);
    const app = page.frameLocator('#app');
    const tabs = app.locator('[role=tab]');
    await tabs.first().waitFor({ timeout: 15_000 });
    const overlapping: string[] = [];
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      const title = app.locator('[role=tabpanel]:not([hidden]) h1');
      await title.waitFor({ timeout: 15_000 });
      // A line box shorter than the letters: a title on two lines prints its second line over its first.
      const { text, line, size } = await title.evaluate((h) => ({ text: h.textContent, line: parseFloat(getComputedStyle(h).lineHeight), size: parseFloat(getComputedStyle(h).fontSize) }));
      if (!(line >= size)) overlapping.push(`${text}: ${line}px lines for ${size}px letters`);
    }
    expect(overlapping).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps a rule and waiting settings being written while the admin looks at other tabs, and saves none of it', async () => {
    const { page, app, form } = await openWaitingSettings();
    const minutes = form.getByLabel('Minutes (empty: off)').first();
    await minutes.fill('25', { timeout: 15_000 });
    await draftRule(app, 'Kept across tabs', 'warranty');
    await app.getByRole('tab', { name: 'Insights' }).click();
    await app.getByRole('tab', { name: 'Connection' }).click();
    await app.locator('[data-testid=health-summary]').waitFor({ timeout: 15_000 });

    await app.getByRole('tab', { name: 'Rules' }).click();
    expect(await app.locator('input[data-testid=rule-name]').count(), 'the rule editor, still open').toBe(1);
    expect(await app.locator('input[data-testid=rule-name]').inputValue()).toBe('Kept across tabs');
    expect(blocking(await axeViolations(page)), 'rules tab with a draft').toEqual([]);
    await app.getByRole('tab', { name: 'AI agents' }).click();
    expect(await minutes.inputValue()).toBe('25');
    expect(blocking(await axeViolations(page)), 'agents tab with a draft').toEqual([]);
    expect((await listRules(world!.relay.relay.db, world!.relay.agentId)).map((r) => r.name)).not.toContain('Kept across tabs');
    expect((await findWaitingSettings(world!.relay.relay.db, world!.relay.agentId))?.noAgentTimeout?.minutes).not.toBe(25);
    await page.close();
  }, 90_000);
});
