import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRule } from '../server/rules/validate.js';
import { deleteRule, insertRule, listRules } from '../server/store/rules.js';
import { findWaitingSettings } from '../server/store/waiting.js';
import { listAgents } from '../server/store/tenants.js';
import type { TestRelay } from '../server/test/harness.js';
import { CHROMIUM, hasChromium } from './chromium.js';
import { adminPage } from './admin-page.js';
import { startAppWorld, type AppWorld } from './app-world.js';
import { startWorkspace } from './workspace.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the admin page browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

/**
 * The nav_bar page as an admin uses it, in Chromium with the real ZAF SDK: impatient clicks that must not do a thing
 * twice, and the relay going away and coming back.
 */
suite('the admin page in Chromium: double clicks and a stopped relay', () => {
  let world: AppWorld | undefined;
  let browser: Browser;
  let relay: TestRelay;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  beforeAll(async () => {
    world = await startAppWorld();
    ({ relay, workspace, browser } = world);
    world.zendesk.schedules.add({ name: 'Berlin', time_zone: 'Berlin' }); // "Schedule per group" needs one
  }, 60_000);
  afterAll(() => world?.stop());

  const { openSignedIn, openWaitingSettings, draftRule } = adminPage(() => world!);

  it('creates one AI agent when Create is double-clicked (no second agent whose key is never shown)', async () => {
    const { page, app } = await openSignedIn();
    await app.getByLabel('Name').fill('Impatient bot');
    await app.getByLabel('Callback URL').fill('https://ai.example.com/baton');
    await app.locator('[data-testid=create-agent-button]').dblclick();
    await app.locator('[data-testid=once-api-key]').waitFor({ timeout: 15_000 });
    // The list read again from the relay (another tab and back) is what the admin will see from now on.
    await app.getByRole('tab', { name: 'Insights' }).click();
    await app.getByRole('tab', { name: 'AI agents' }).click();
    await expect.poll(() => app.locator('[data-testid=agent-card] h2').allTextContents(), { timeout: 15_000 }).toContain('Impatient bot');
    expect((await app.locator('[data-testid=agent-card] h2').allTextContents()).filter((n) => n === 'Impatient bot')).toHaveLength(1);
    expect((await listAgents(relay.relay.db, relay.tenantId)).filter((a) => a.name === 'Impatient bot')).toHaveLength(1);
    await page.close();
  });

  it('saves a new rule once when Save rule is double-clicked', async () => {
    const { page, app } = await openSignedIn();
    await draftRule(app, 'Refund asked twice', 'refund');
    await app.locator('[data-testid=save-rule]').dblclick();
    await app.locator('[data-testid=rule-editor]').waitFor({ state: 'detached', timeout: 15_000 });
    await app.getByRole('tab', { name: 'Insights' }).click();
    await app.getByRole('tab', { name: 'Rules' }).click();
    const names = app.locator('[data-testid=rules] strong[data-testid=rule-name]');
    await expect.poll(() => names.allTextContents(), { timeout: 15_000 }).toContain('Refund asked twice');
    expect((await names.allTextContents()).filter((n) => n === 'Refund asked twice')).toHaveLength(1);
    expect((await listRules(relay.relay.db, relay.agentId)).filter((r) => r.name === 'Refund asked twice')).toHaveLength(1);
    await page.close();
  });

  it('says the relay cannot be reached on the Connection tab while it is stopped, and shows the health once it is back', async () => {
    const { page, app } = await openSignedIn();
    await relay.restart(async () => {
      await app.getByRole('tab', { name: 'Connection' }).click();
      await expect.poll(() => app.locator('[data-testid=health-problem]').textContent(), { timeout: 15_000 })
        .toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
      await app.locator('[data-testid=repair]').click();
      await expect.poll(() => app.locator('[data-testid=repair]').textContent(), { timeout: 15_000 }).toBe('Repair');
      expect(await app.locator('[data-testid=health-problem]').textContent()).toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
    });
    // Back: opening the tab again checks again.
    await app.getByRole('tab', { name: 'Insights' }).click();
    await app.getByRole('tab', { name: 'Connection' }).click();
    await app.locator('[data-testid=health-summary]').waitFor({ timeout: 15_000 });
    expect(await app.locator('[data-testid=health-problem]').count()).toBe(0);
    await page.close();
  });

  it('says the relay cannot be reached when a message is tested while it is stopped, and tests again once it is back', async () => {
    const { page, app } = await openSignedIn();
    await app.getByRole('tab', { name: 'Rules' }).click();
    await app.locator('[data-testid=sample]').fill('I want to talk to a person');
    const test = app.locator('[data-testid=test-message] button');
    await test.click({ timeout: 15_000 });
    await app.locator('[data-testid=decision]').waitFor({ timeout: 15_000 });
    await relay.restart(async () => {
      await test.click();
      await expect.poll(() => app.locator('[data-testid=test-problem]').textContent(), { timeout: 15_000 })
        .toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
      // The earlier message's decision is not left on show as if it answered this one.
      expect(await app.locator('[data-testid=decision]').count()).toBe(0);
    });
    await test.click();
    await app.locator('[data-testid=decision]').waitFor({ timeout: 15_000 });
    expect(await app.locator('[data-testid=test-problem]').count()).toBe(0);
    await page.close();
  });

  it('says the relay cannot be reached when a rule is saved while it is stopped, keeps the draft, and saves it once it is back', async () => {
    const { page, app } = await openSignedIn();
    await draftRule(app, 'Saved after the outage', 'lawyer');
    await relay.restart(async () => {
      await app.locator('[data-testid=save-rule]').click();
      await expect.poll(() => app.locator('[data-testid=admin-error]').textContent(), { timeout: 15_000 })
        .toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
      expect(await app.locator('input[data-testid=rule-name]').inputValue()).toBe('Saved after the outage');
    });
    await app.locator('[data-testid=save-rule]').click();
    await app.locator('[data-testid=rule-editor]').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await listRules(relay.relay.db, relay.agentId)).map((r) => r.name)).toContain('Saved after the outage');
    await page.close();
  });

  it('says what is wrong with typed custom dates (reversed, over 366 days) instead of "an unexpected answer"', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const app = page.frameLocator('#app');
    await app.locator('[data-testid=period]').selectOption('0', { timeout: 15_000 });
    const problem = app.locator('.insights [role=alert]');
    for (const [from, to] of [['2026-11-20', '2026-11-01'], ['2016-01-01', '2026-11-01']] as const) {
      await app.locator('[data-testid=from]').fill(from);
      await app.locator('[data-testid=to]').fill(to);
      await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toBe('Choose a start date on or before the end date, at most 366 days apart.');
    }
    // A period the relay takes: the problem goes, the report comes.
    await app.locator('[data-testid=from]').fill('2026-01-01');
    await app.locator('[data-testid=to]').fill('2026-11-01');
    await app.locator('[data-testid=empty]').waitFor({ timeout: 15_000 });
    expect(await problem.count()).toBe(0);
    await page.close();
  });

  it('keeps the keyboard focus on the rule being moved, and takes it to the delete confirmation', async () => {
    const { page, app } = await openSignedIn();
    await app.getByRole('tab', { name: 'Rules' }).click();
    const frame = page.frames().find((f) => f.url().includes('/app/iframe.html'))!;
    // By name: the first change to the default rules makes the agent's own copies (new ids).
    const focused = () => frame.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return `${e.closest('[data-rule-id]')?.querySelector('strong[data-testid=rule-name]')?.textContent ?? ''} / ${e.getAttribute('data-testid') ?? e.tagName}`;
    });
    const names = app.locator('[data-testid=rules] strong[data-testid=rule-name]');
    await app.locator('[data-testid=move-down]').first().waitFor({ timeout: 15_000 });
    const [first, second] = await names.allTextContents();

    await app.locator('[data-testid=move-down]').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await names.allTextContents()).slice(0, 2), { timeout: 15_000 }).toEqual([second, first]);
    await expect.poll(focused, { timeout: 15_000 }).toBe(`${first} / move-down`);
    // Back to the top: ↑ is disabled there, so the focus stays on the rule's ↓.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(`${first} / move-up`);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await names.allTextContents()).slice(0, 2), { timeout: 15_000 }).toEqual([first, second]);
    await expect.poll(focused, { timeout: 15_000 }).toBe(`${first} / move-down`);

    await app.locator('[data-testid=delete-rule]').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: 15_000 }).toBe(`${first} / confirm-delete-yes`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Cancel
    await expect.poll(focused, { timeout: 15_000 }).toBe(`${first} / delete-rule`);
    await page.close();
  });

  it('says the relay cannot be reached when Connect Baton finds no relay, not "Baton could not connect: sign_in_failed"', async () => {
    // A Relay URL where nothing listens: a port this test had and let go.
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const relayUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise<void>((r) => gone.close(() => r()));
    const installation = world!.zendesk.installApp({ settings: { relay_url: relayUrl } });
    const fresh = await startWorkspace({ installation: () => world!.zendesk.installation(installation.id) });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`${fresh.url}/?location=nav_bar&installation=1&subdomain=acme&ticket=0&locale=en`);
      const app = page.frameLocator('#app');
      await app.locator('[data-testid=connect-button]').click({ timeout: 20_000 });
      await expect.poll(() => app.locator('[data-testid=connect-error]').textContent(), { timeout: 15_000 })
        .toBe('The Baton relay cannot be reached. Check the relay URL in the app settings.');
      await page.close();
    } finally {
      await fresh.stop();
    }
  });

  it('issues one API key when New API key is double-clicked', async () => {
    const { page, app } = await openSignedIn();
    const card = app.locator(`[data-testid=agent-card][data-agent-id="${relay.agentId}"]`);
    const before = await card.locator('[data-testid=keys] li').count();
    await card.locator('[data-testid=new-key]').dblclick();
    await card.locator('[data-testid=once-api-key]').waitFor({ timeout: 15_000 });
    // The list read again from the relay (another tab and back).
    await app.getByRole('tab', { name: 'Insights' }).click();
    await app.getByRole('tab', { name: 'AI agents' }).click();
    await expect.poll(() => card.locator('[data-testid=keys] li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await card.locator('[data-testid=keys] li').count()).toBe(before + 1);
    await page.close();
  });

  it('saves "While the customer waits" after the no-agent tag was cleared and its action set back to keep waiting', async () => {
    const { page, form } = await openWaitingSettings();
    const action = form.getByLabel('Then');
    await action.selectOption('raise_priority', { timeout: 15_000 });
    await form.getByLabel('Tag', { exact: true }).fill('');
    await action.selectOption('keep_waiting'); // the tag field goes away with its empty value
    await form.getByLabel('Minutes (empty: off)').first().fill('15');
    await form.locator('[data-testid=waiting-save]').click();
    await expect.poll(() => form.locator('[data-testid=waiting-saved]').textContent(), { timeout: 15_000 }).not.toBe('');
    expect((await findWaitingSettings(relay.relay.db, relay.agentId))?.noAgentTimeout).toMatchObject({ minutes: 15, action: 'keep_waiting', tag: 'baton_no_agent' });
    await page.close();
  });

  it('names a group listed twice in "Schedule per group" instead of silently keeping one row', async () => {
    const { page, form } = await openWaitingSettings();
    const add = form.getByRole('button', { name: 'Add a group' });
    await add.click({ timeout: 15_000 });
    await add.click();
    const ids = form.getByLabel('Group ID');
    await ids.nth(0).fill('360001');
    await ids.nth(1).fill('360001');
    await form.locator('[data-testid=waiting-save]').click();
    await expect.poll(() => form.locator('.group-row .error').allTextContents(), { timeout: 15_000 }).toEqual(['This group is already listed above.']);
    expect(await ids.nth(1).getAttribute('aria-invalid')).toBe('true');
    expect((await findWaitingSettings(relay.relay.db, relay.agentId))?.scheduleByGroup ?? {}).toEqual({});
    await ids.nth(1).fill('360002');
    await form.locator('[data-testid=waiting-save]').click();
    await expect.poll(async () => Object.keys((await findWaitingSettings(relay.relay.db, relay.agentId))?.scheduleByGroup ?? {}).sort(), { timeout: 15_000 }).toEqual(['360001', '360002']);
    await page.close();
  });

  it('says a rule was changed or deleted elsewhere when it is switched after another admin deleted it', async () => {
    const v = validateRule({ name: 'Deleted by a colleague', conditions: { all: [{ field: 'text', operator: 'contains', value: 'invoice' }], any: [] }, action: { type: 'handoff', reasonCode: 'other' } });
    if (!v.ok) throw new Error('the test rule is invalid');
    const rule = await relay.relay.db.transaction((tx) => insertRule(tx, relay.agentId, v.rule));
    const { page, app } = await openSignedIn();
    await app.getByRole('tab', { name: 'Rules' }).click();
    const item = app.locator(`[data-testid=rule][data-rule-id="${rule.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    await relay.relay.db.transaction((tx) => deleteRule(tx, relay.agentId, rule.id));
    await item.locator('[data-testid=rule-active]').click();
    await expect.poll(() => app.locator('[data-testid=admin-error]').textContent(), { timeout: 15_000 })
      .toBe('This rule was changed or deleted elsewhere. The list now shows the rules as they are.');
    await item.waitFor({ state: 'detached', timeout: 15_000 });
    await page.close();
  });
});
