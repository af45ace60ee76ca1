import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAgent } from '../server/store/tenants.js';
import { findWaitingSettings } from '../server/store/waiting.js';
import type { TestRelay } from '../server/test/harness.js';
import { startPlatform } from '../server/test/platform-receiver.js';
import type { ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { appFrame, axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium } from './chromium.js';
import type { startWorkspace } from './workspace.js';
import { startAppWorld, type AppWorld } from './app-world.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the AI agents page browser test: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

/**
 * The AI agents page (nav_bar) in Chromium with the real ZAF SDK, at a desktop width: an admin signs in with
 * Zendesk, creates an agent, copies its key and secret (shown once), sends a test event to a real receiver,
 * rotates the secret, issues and revokes a key, switches handoff off and deletes the agent.
 */
suite('the AI agents page in Chromium', () => {
  let browser: Browser;
  let zendesk: ZendeskEmulator;
  let relay: TestRelay;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld();
    ({ zendesk, relay, workspace, browser } = world);
    zendesk.schedules.add({ name: 'Berlin', time_zone: 'Berlin' });
    zendesk.schedules.add({ name: 'Tokyo', time_zone: 'Tokyo' });
    platform = await startPlatform();
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
    await platform?.close();
  });

  const v1Status = async (apiKey: string) => (await fetch(`${relay.url}/v1/rules`, { headers: { authorization: `Bearer ${apiKey}` } })).status;

  /** The admin (nav_bar) page in English at a viewport, collecting page errors, with an axe check for its states. */
  const openAdminPage = async (viewport: { width: number; height: number }) => {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const axe = async (state: string) => expect(blocking(await axeViolations(page)), state).toEqual([]);
    return { page, errors, app: page.frameLocator('#app'), axe };
  };

  it('creates, tests, rotates, re-keys, switches off and deletes an AI agent, with the secrets shown once', async () => {
    const { page, errors, app, axe } = await openAdminPage({ width: 1280, height: 1200 });

    await app.getByRole('tab', { name: 'AI agents' }).click({ timeout: 15_000 });
    // Even reading the list takes an admin session, proven by the admin's own Zendesk sign-in.
    await expect.poll(() => app.locator('[data-testid=agents-error]').textContent(), { timeout: 10_000 }).toContain('Only a Zendesk admin');
    const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=agents-sign-in]').click()]);
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 }); // it may have closed already
    await expect.poll(() => app.locator('[data-testid=agent-card] h2').allTextContents(), { timeout: 10_000 }).toEqual(['Bot']);

    // Mistakes are named next to the field they concern.
    await app.getByLabel('Callback URL').fill('ftp://files.example');
    await app.getByRole('button', { name: 'Create AI agent' }).click();
    await expect.poll(() => app.locator('#new-agent-name-problem').textContent(), { timeout: 10_000 }).toBe('Give the AI agent a name.');
    expect(await app.locator('#new-agent-callbackUrl-problem').textContent()).toBe('Enter an http:// or https:// address.');
    expect(await app.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await app.getByLabel('Name').fill('Support bot');
    await app.getByLabel('Callback URL').fill(platform.url);
    await app.getByRole('button', { name: 'Create AI agent' }).click();
    const apiKeyField = app.locator('[data-testid=once-api-key]');
    await expect.poll(() => apiKeyField.inputValue(), { timeout: 10_000 }).toMatch(/^bk_[0-9a-f]{16}_/);
    const apiKey = await apiKeyField.inputValue();
    const secret = await app.locator('[data-testid=once-signing-secret]').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await v1Status(apiKey)).toBe(200);
    await app.getByRole('button', { name: 'Copy' }).first().click();
    await expect.poll(() => app.locator('[data-testid=once-secrets] [role=status]').first().textContent(), { timeout: 10_000 }).toBe('Copied');
    const card = app.locator('[data-testid=agent-card]', { has: app.getByRole('heading', { name: 'Support bot' }) });

    // The receiver verifies with the secret the page showed; the page shows its status and the start of its body.
    platform.state.secret = secret;
    await card.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => card.locator('[data-testid=test-result]').textContent(), { timeout: 15_000 }).toContain('Delivered: the receiver answered 202.');
    expect(await card.locator('[data-testid=test-body]').textContent()).toBe('{"ok":true,"note":"thanks"}');
    expect(platform.state.verified.at(-1)).toBe(true);
    await axe('agent created, secrets shown, test event delivered');
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-agents.png'), fullPage: true });

    await app.locator('[data-testid=once-done]').click();
    expect(await app.locator('[data-testid=once-secrets]').count()).toBe(0);
    // Gone from the page for good: nothing on it (or behind it on the relay) can show the key again.
    expect(await appFrame(page).evaluate((rest) => document.body.innerHTML.includes(rest), apiKey.slice(20))).toBe(false);

    // Rotate: confirm, a new secret once; the next test event is signed with it.
    await card.getByRole('button', { name: 'Rotate signing secret' }).click();
    await axe('rotate confirmation');
    await card.locator('[data-testid=confirm-yes]').click();
    const rotated = await (async () => {
      const field = app.locator('[data-testid=once-signing-secret]');
      await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toMatch(/^whsec_/);
      return field.inputValue();
    })();
    expect(rotated).not.toBe(secret);
    platform.state.secret = rotated;
    await card.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => platform.state.verified.length, { timeout: 15_000 }).toBe(2);
    expect(platform.state.verified.at(-1)).toBe(true);
    await app.locator('[data-testid=once-done]').click();

    // A second key, then revoke it: the platform's calls with it are refused, the first key keeps working.
    await card.getByRole('button', { name: 'New API key' }).click();
    const secondField = app.locator('[data-testid=once-api-key]');
    await expect.poll(() => secondField.inputValue(), { timeout: 10_000 }).toMatch(/^bk_/);
    const second = await secondField.inputValue();
    await app.locator('[data-testid=once-done]').click();
    const secondRow = card.locator(`[data-testid=keys] li[data-key-id="${second.slice(3, 19)}"]`);
    await secondRow.getByRole('button', { name: /Revoke/ }).click();
    await card.locator('[data-testid=confirm-yes]').click();
    await expect.poll(() => secondRow.locator('[data-testid=revoked]').count(), { timeout: 10_000 }).toBe(1);
    expect(await v1Status(second)).toBe(401);
    expect(await v1Status(apiKey)).toBe(200);

    // Handoff off: the switch says so and the relay agrees.
    const agentId = (await card.getAttribute('data-agent-id'))!;
    await card.getByRole('switch', { name: 'Hand conversations to people' }).uncheck();
    await expect.poll(async () => (await findAgent(relay.relay.db, agentId))?.handoffEnabled, { timeout: 10_000 }).toBe(false);
    expect(await card.getByRole('switch').isChecked()).toBe(false);

    // Delete: the confirmation says what happens to open handoffs; afterwards the agent and its keys are gone.
    await card.getByRole('button', { name: 'Delete AI agent' }).click();
    expect(await card.locator('[data-testid=confirm] p').textContent()).toContain('Open handoffs (0) stay on their Zendesk tickets');
    await axe('delete confirmation');
    await card.locator('[data-testid=confirm-yes]').click();
    await expect.poll(() => app.locator('[data-testid=agents-notice]').textContent(), { timeout: 10_000 }).toBe('Support bot was deleted.');
    expect(await app.locator('[data-testid=agent-card] h2').allTextContents()).toEqual(['Bot']);
    expect(await v1Status(apiKey)).toBe(401);
    await axe('after deletion');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("changes an agent's callback URL and what happens while its customers wait, at the nav_bar's size", async () => {
    // The nav_bar location as Zendesk gives it on a laptop screen.
    const { page, errors, app, axe } = await openAdminPage({ width: 1024, height: 768 });
    await app.getByRole('tab', { name: 'AI agents' }).click({ timeout: 15_000 });
    // The admin session from the first test may have been kept; sign in when the page asks.
    await expect.poll(async () => (await app.locator('[data-testid=agent-card]').count()) + (await app.locator('[data-testid=agents-sign-in]').count()), { timeout: 10_000 }).toBeGreaterThan(0);
    if (await app.locator('[data-testid=agents-sign-in]').count()) {
      const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=agents-sign-in]').click()]);
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 }); // it may have closed already
    }
    const card = app.locator('[data-testid=agent-card]', { has: app.getByRole('heading', { name: 'Bot' }) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);

    // Callback URL: the same check as at creation, named beside the field; then saved on the relay.
    await card.locator('[data-testid=edit-callback]').click();
    const urlField = card.getByLabel('Callback URL');
    await urlField.fill('ftp://files.example');
    await card.locator('[data-testid=save-callback]').click();
    await expect.poll(() => urlField.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await card.locator('[data-testid=callback-form] .error').textContent()).toBe('Enter an http:// or https:// address.');
    await axe('callback URL refused');
    await urlField.fill(`${platform.url}/v2`);
    await card.locator('[data-testid=save-callback]').click();
    await expect.poll(() => card.locator('.callback code').textContent(), { timeout: 10_000 }).toBe(`${platform.url}/v2`);
    expect((await findAgent(relay.relay.db, relay.agentId))!.callbackUrl).toBe(`${platform.url}/v2`);

    // While the customer waits: its own chunk, opened from the card.
    await card.getByRole('button', { name: 'While the customer waits' }).click();
    const form = card.locator('[data-testid=waiting-settings]');
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(1);
    expect(await form.textContent()).toContain('Changes apply to handoffs created after you save.');
    const noAgent = form.getByRole('group', { name: 'No agent has replied' });
    const silent = form.getByRole('group', { name: 'The customer wrote and no agent answered' });
    await noAgent.getByLabel('Minutes (empty: off)').fill('0');
    await form.locator('[data-testid=waiting-save]').click();
    await expect.poll(() => noAgent.getByLabel('Minutes (empty: off)').getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await noAgent.locator('.error').textContent()).toContain('whole number of minutes');
    await axe('waiting settings, a refused value');

    await noAgent.getByLabel('Minutes (empty: off)').fill('30');
    await noAgent.getByLabel('Then').selectOption('return_to_ai');
    await silent.getByLabel('Minutes (empty: off)').fill('15');
    await silent.getByLabel('Count only minutes within business hours').check();
    const groups = form.getByRole('group', { name: 'Schedule per group' });
    expect(await groups.textContent()).toContain('first schedule (Berlin)');
    await groups.getByRole('button', { name: 'Add a group' }).click();
    await groups.getByLabel('Group ID').fill('360001');
    await groups.getByLabel('Schedule').selectOption({ label: 'Tokyo (Asia/Tokyo)' });
    await form.locator('[data-testid=waiting-save]').click();
    await expect.poll(() => form.locator('[data-testid=waiting-saved]').textContent(), { timeout: 10_000 }).toContain('Saved.');
    const settings = (await findWaitingSettings(relay.relay.db, relay.agentId))!;
    expect(settings).toMatchObject({ noAgentTimeout: { minutes: 30, action: 'return_to_ai' }, agentSilent: { minutes: 15, businessHours: true } });
    expect(Object.keys(settings.scheduleByGroup)).toEqual(['360001']);
    await axe('waiting settings saved');
    await card.getByRole('button', { name: 'While the customer waits' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-waiting-settings.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
