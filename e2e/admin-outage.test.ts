import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWorld, type AppWorld } from './app-world.js';
import { appFrame, axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium } from './chromium.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the admin outage browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

const SHOTS = join(import.meta.dirname, '..', 'dist', 'screenshots');

/**
 * The nav_bar page in Chromium with the real ZAF SDK while the relay is down, then back: Zendesk's proxy answers
 * status 0 when it cannot reach the relay (as the workspace's proxy does when its fetch fails); the rest of the time
 * the page talks to the real relay.
 */
suite('the admin page while the relay is down, in Chromium', () => {
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld();
  }, 60_000);
  afterAll(() => world?.stop());

  /** The nav_bar page at `width`, in English, with a switch that takes the relay out of reach and brings it back. */
  const open = async (width: number) => {
    const { browser, workspace, relay } = world!;
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const outage = { down: true };
    await page.route('**/proxy', (request) => (outage.down ? request.fulfill({ contentType: 'application/json', body: JSON.stringify({ status: 0, body: null }) }) : request.fallback()));
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    return { page, app: page.frameLocator('#app'), outage, errors };
  };
  const shoot = async (page: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, name) });
  };

  it('offers Retry on the Rules tab when the relay cannot be reached, and lists the rules once it is back', async () => {
    const { page, app, outage, errors } = await open(350);
    await app.getByRole('tab', { name: 'Rules' }).click({ timeout: 20_000 });
    const panel = app.locator('#panel-rules');
    const problem = panel.locator('[data-testid=admin-error]');
    expect(await problem.textContent({ timeout: 15_000 })).toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
    const retry = panel.getByRole('button', { name: 'Retry' });
    await retry.waitFor({ timeout: 15_000 });
    expect(blocking(await axeViolations(page)), 'rules tab, relay down').toEqual([]);
    await shoot(page, 'rules-relay-down-350.png');

    outage.down = false;
    await retry.click();
    await expect.poll(() => panel.locator('[data-testid=rules] [data-testid=rule-name]').allTextContents(), { timeout: 20_000 }).toContain('Customer asks for a human');
    expect(await problem.count()).toBe(0);
    expect(await retry.count()).toBe(0);
    // The button went: the focus waits on the page's title, not lost to the document's body.
    expect(await appFrame(page).evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('offers Retry on the AI agents tab when the relay cannot be reached, and reads the list again once it is back', async () => {
    const { page, app, outage, errors } = await open(320);
    await app.getByRole('tab', { name: 'AI agents' }).click({ timeout: 20_000 });
    const panel = app.locator('#panel-agents');
    const problem = panel.locator('[data-testid=agents-error]');
    expect(await problem.textContent({ timeout: 15_000 })).toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
    const retry = panel.getByRole('button', { name: 'Retry' });
    await retry.waitFor({ timeout: 15_000 });
    expect(blocking(await axeViolations(page)), 'AI agents tab, relay down').toEqual([]);
    await shoot(page, 'agents-relay-down-320.png');

    outage.down = false;
    await retry.click();
    // The relay answers again: this page has no admin session yet, and now says so (the list's next step), not "cannot be reached".
    await panel.locator('[data-testid=agents-sign-in]').waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toBe('Only a Zendesk admin can manage AI agents. Sign in with your Zendesk admin account to continue.');
    expect(await retry.count()).toBe(0);
    expect(await appFrame(page).evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
