import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRelay } from '../server/test/harness.js';
import type { ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium } from './chromium.js';
import type { startWorkspace } from './workspace.js';
import { startAppWorld, type AppWorld } from './app-world.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the rules editor browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

/** Zendesk's main area on a 1280×800 screen, where a nav_bar app lives: less the 60 px navigation and the 50 px header. */
const NAV_BAR = { width: 1220, height: 750 };

/**
 * The rules tab of the nav_bar page in Chromium with the real ZAF SDK, against the real relay: an admin creates a
 * rule with three conditions (signing in with Zendesk when the relay asks), tests a message, edits, reorders by
 * keyboard and by drag, switches off and deletes it; axe finds nothing critical or serious on the way.
 */
suite('the rules editor in Chromium', () => {
  let browser: Browser;
  let relay: TestRelay;
  let zendesk: ZendeskEmulator;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld();
    ({ zendesk, relay, workspace, browser } = world);
  }, 60_000);
  afterAll(() => world?.stop());

  const savedRules = async () => (await relay.api('GET', '/v1/rules')).body.rules as Array<{ id: string; name: string; position: number; enabled: boolean; conditions: { all: unknown[]; any: unknown[] }; action: Record<string, unknown> }>;
  const listed = (app: FrameLocator) => app.locator('[data-testid=rules] [data-testid=rule-name]').allTextContents();
  const expectNoBlockingAxe = async (page: Page, where: string) => expect(blocking(await axeViolations(page)), where).toEqual([]);

  it('creates a rule with three conditions, tests a message, edits, reorders, switches off and deletes it', async () => {
    const page = await browser.newPage({ viewport: NAV_BAR });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const app = page.frameLocator('#app');
    await app.locator('[data-testid=tab-rules]').click({ timeout: 20_000 });
    await expect.poll(() => listed(app), { timeout: 20_000 }).toContain('Customer asks for a human');
    const defaults = (await listed(app)).length;
    await expectNoBlockingAxe(page, 'rules list');

    // Saving an empty rule: the problems in words, next to their controls.
    await app.locator('[data-testid=new-rule]').click();
    await app.locator('[data-testid=save-rule]').click();
    await expect.poll(() => app.getByText('Give the rule a name.').count()).toBe(1);
    expect(await app.locator('[data-testid=value-problem]').textContent()).toBe('Enter a value.');
    await expectNoBlockingAxe(page, 'editor with problems');

    await app.getByLabel('Rule name').fill('Legal threats');
    const all = app.locator('[data-testid=section-all]');
    await all.getByLabel('Value (Condition 1)').fill('lawyer');
    await app.locator('[data-testid=add-condition-all]').click();
    await all.getByLabel('Field (Condition 2)').selectOption('confidence');
    await all.getByLabel('Operator (Condition 2)').selectOption({ label: 'Less than' });
    await all.getByLabel('Value (Condition 2)').fill('0.6');
    await app.locator('[data-testid=add-condition-any]').click();
    const any = app.locator('[data-testid=section-any]');
    await any.getByLabel('Field (Condition 1)').selectOption('language');
    await any.getByLabel('Value (Condition 1)').selectOption('de');
    await app.getByLabel('Reason').selectOption({ label: 'Policy' });
    await app.getByLabel('Priority').selectOption('high');
    await app.getByLabel('Tags (separated by spaces)').fill('legal');
    // For README: the editor from its title down, as an admin sees it in Zendesk's main area.
    await app.locator('[data-testid=rule-editor]').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-rules-editor.png') });
    await app.locator('summary', { hasText: 'Handoff message for the customer' }).click();
    await app.getByLabel('Message in German').fill('Eine Kollegin aus der Rechtsabteilung übernimmt.');
    await expectNoBlockingAxe(page, 'filled editor');

    // The installation's JWT is not enough to change rules: the relay wants a Zendesk admin's own sign-in.
    await app.locator('[data-testid=save-rule]').click();
    await expect.poll(() => app.locator('[data-testid=admin-error]').textContent(), { timeout: 10_000 }).toContain('Only a Zendesk admin');
    const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=admin-sign-in]').click()]);
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 }); // it may have closed already
    await expect.poll(() => listed(app), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Legal threats']));
    expect((await listed(app)).at(-1)).toBe('Legal threats'); // a new rule lands last
    const created = (await savedRules()).at(-1)!;
    expect(created).toMatchObject({
      name: 'Legal threats',
      position: defaults + 1,
      conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }, { field: 'confidence', operator: 'less_than', value: 0.6 }], any: [{ field: 'language', operator: 'is', value: 'de' }] },
      action: { type: 'handoff', reasonCode: 'policy', routing: { priority: 'high', tags: ['legal'] }, messages: { de: 'Eine Kollegin aus der Rechtsabteilung übernimmt.' } },
    });
    expect(await app.locator('[data-testid=rule]').last().locator('[data-testid=rule-conditions]').textContent()).toContain('Customer message contains “lawyer”');

    // Test a message: each condition's result in words.
    await app.locator('[data-testid=sample]').fill('My lawyer will call you tomorrow');
    await app.getByRole('button', { name: 'Test', exact: true }).click();
    // The relay checks the cheap condition first: a typed message has no AI confidence, so the rest is not checked.
    await expect.poll(() => app.locator('[data-testid=trace]').textContent(), { timeout: 10_000 }).toContain('Legal threats: not met');
    const trace = await app.locator('[data-testid=trace]').textContent();
    expect(trace).toContain('AI confidence (0–1) less than 0.6: not met (the message has: nothing)');
    expect(trace).toContain('Customer message contains “lawyer”: not checked (an earlier condition was not met)');
    expect(await app.locator('[data-testid=decision]').textContent()).toBe('No rule matched: the AI keeps the conversation.');

    // Edit.
    await app.getByRole('button', { name: 'Edit: Legal threats' }).click();
    expect(await app.getByLabel('Rule name').inputValue()).toBe('Legal threats');
    await app.getByLabel('Rule name').fill('Legal threats (DE)');
    await app.locator('[data-testid=section-all]').getByLabel('Value (Condition 2)').fill('0.5');
    await app.locator('[data-testid=save-rule]').click();
    await expect.poll(() => listed(app), { timeout: 10_000 }).toContain('Legal threats (DE)');
    expect((await savedRules()).find((r) => r.id === created.id)).toMatchObject({ name: 'Legal threats (DE)', conditions: { all: [{}, { value: 0.5 }] } });

    // Reorder by keyboard, then by drag to the top.
    await app.getByRole('button', { name: 'Move up: Legal threats (DE)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await listed(app)).indexOf('Legal threats (DE)'), { timeout: 10_000 }).toBe(defaults - 1);
    await expect.poll(async () => (await savedRules()).find((r) => r.id === created.id)!.position, { timeout: 10_000 }).toBe(defaults);
    await app.locator('[data-testid=rule]', { hasText: 'Legal threats (DE)' }).dragTo(app.locator('[data-testid=rule]').first());
    await expect.poll(async () => (await listed(app))[0], { timeout: 10_000 }).toBe('Legal threats (DE)');
    await expect.poll(async () => (await savedRules())[0]!.id, { timeout: 10_000 }).toBe(created.id);

    // Switch off.
    await app.getByRole('checkbox', { name: 'Active: Legal threats (DE)' }).uncheck();
    await expect.poll(async () => (await savedRules()).find((r) => r.id === created.id)!.enabled, { timeout: 10_000 }).toBe(false);

    // Delete, after a confirmation.
    await app.getByRole('button', { name: 'Delete: Legal threats (DE)' }).click();
    expect(await app.locator('[data-testid=confirm-delete]').textContent()).toContain('Delete the rule “Legal threats (DE)”?');
    await expectNoBlockingAxe(page, 'delete confirmation');
    await app.locator('[data-testid=confirm-delete-yes]').click();
    await expect.poll(() => listed(app), { timeout: 10_000 }).not.toContain('Legal threats (DE)');
    const left = await savedRules();
    expect(left.some((r) => r.id === created.id)).toBe(false);
    expect(left.map((r) => r.position)).toEqual(Array.from({ length: defaults }, (_, i) => i + 1));
    await expectNoBlockingAxe(page, 'rules list after the changes');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
