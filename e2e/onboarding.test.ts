import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { startRelay, type Relay } from '../server/runtime.js';
import { listTenants } from '../server/store/tenants.js';
import { fastRetry, handoffBody, TEST_MASTER_KEY, waitFor } from '../server/test/harness.js';
import { startPlatform } from '../server/test/platform-receiver.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { axeViolations, blocking } from './axe.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';
import { startWorkspace } from './workspace.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the onboarding browser test: ${CHROMIUM} is missing.\n`);

/**
 * Install to first handoff with no CLI: an empty relay, an app installation with only its Relay URL, an admin who
 * clicks Connect Baton in the nav_bar page (real ZAF SDK, Chromium), Zendesk OAuth in a popup (the emulator), the
 * relay filling the installation's settings, the AI agent created in the AI agents tab (its API key copied from
 * the page), and a handoff with that key that shows in the ticket's sidebar.
 */
suite('Connect Baton from an empty relay to a first handoff (Chromium, real ZAF SDK, Zendesk emulator)', () => {
  let browser: Browser;
  let relay: Relay;
  let zendesk: ZendeskEmulator;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  let installationId: number;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform();
    zendesk = await startZendeskEmulator();
    zendesk.addOAuthClient({ id: 'zdg-baton', secret: 'shh' });
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'baton-onboard-')),
      MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'silent',
      TICKET_UPDATE_SPACING_MS: '100',
      ZENDESK_CLIENT_ID: 'zdg-baton',
      ZENDESK_CLIENT_SECRET: 'shh',
      ZENDESK_URL_TEMPLATE: zendesk.baseUrl,
    });
    relay = await startRelay(config, { log: pino({ level: 'silent' }), worker: { pollIntervalMs: 20, retryPolicy: fastRetry } });
    // An empty relay: no tenant, no agent, nothing an operator prepared.
    if ((await listTenants(relay.db)).length > 0) throw new Error('the relay is not empty');
    workspace = await startWorkspace({ installation: () => zendesk.installation(installationId) });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await workspace?.stop();
    await relay?.stop();
    await zendesk?.stop();
    await platform?.close();
  });

  it('connects, shows the health, creates the AI agent in its tab, and a handoff with its key reaches the sidebar', async () => {
    // The admin installed the app from the Marketplace / a private upload: only the Relay URL is set.
    installationId = zendesk.installApp({ settings: { relay_url: relay.url } }).id;
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Before anyone connected Baton, a ticket's sidebar stays out of the agents' way.
    await page.goto(`${workspace.url}/?installation=1&subdomain=acme&ticket=1&locale=en`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { zafInvoked: unknown[][] }).zafInvoked), { timeout: 20_000 }).toContainEqual({ hide: [] });
    const navBar = `${workspace.url}/?location=nav_bar&installation=1&subdomain=acme&ticket=0&locale=en`;
    await page.goto(navBar);
    const app = page.frameLocator('#app');
    await expect.poll(() => app.locator('[data-testid=connect] h1').textContent(), { timeout: 20_000 }).toBe('Connect Baton');
    expect(blocking(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-connect.png') });

    const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=connect-button]').click()]);
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 20_000 }); // it may have closed already
    // The page turns into the connection's health: access checked, webhook and three triggers, no webhook yet.
    await expect.poll(() => app.locator('[data-testid=health-summary]').textContent(), { timeout: 20_000 }).toContain('Everything is in place.');
    expect(await app.locator('[data-testid=health-triggers]').textContent()).toContain('3 of 3 present');
    expect(await app.locator('[data-testid=health-last-webhook]').textContent()).toContain('None yet');
    const settings = zendesk.installation(installationId)!.settings;
    const tenant = (await listTenants(relay.db)).find((x) => x.id === settings.tenant_id);
    expect(tenant?.zendeskSubdomain).toBe('acme');
    expect(typeof settings.shared_secret).toBe('string');
    expect(blocking(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-connection.png') });

    // The AI platform's side, from the AI agents tab: the admin creates the agent and copies its API key, shown once.
    await app.getByRole('tab', { name: 'AI agents' }).click({ timeout: 20_000 });
    await expect.poll(async () => (await app.locator('[data-testid=create-agent]').count()) + (await app.locator('[data-testid=agents-sign-in]').count()), { timeout: 20_000 }).toBeGreaterThan(0);
    if (await app.locator('[data-testid=agents-sign-in]').count()) {
      // Managing AI agents takes an admin session, proven by the admin's own Zendesk sign-in.
      const [signIn] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=agents-sign-in]').click()]);
      if (!signIn.isClosed()) await signIn.waitForEvent('close', { timeout: 20_000 }); // it may have closed already
    }
    await app.getByLabel('Name').fill('Support bot', { timeout: 20_000 });
    await app.getByLabel('Callback URL').fill(platform.url);
    await app.getByRole('button', { name: 'Create AI agent' }).click();
    const apiKeyField = app.locator('[data-testid=once-api-key]');
    await expect.poll(() => apiKeyField.inputValue(), { timeout: 20_000 }).toMatch(/^bk_/);
    const key = { apiKey: await apiKeyField.inputValue() };
    expect(blocking(await axeViolations(page))).toEqual([]);
    await app.locator('[data-testid=once-done]').click();
    const handoff = await fetch(`${relay.url}/v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(handoffBody()),
    });
    expect(handoff.status).toBeLessThan(300);
    const ticket = await waitFor('the ticket in Zendesk', () => zendesk.tickets()[0], 20_000);
    await page.goto(`${workspace.url}/?installation=1&subdomain=acme&ticket=${ticket.id}&locale=en`);
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 20_000 }).toBe('Waiting for an agent');

    // An agent's public reply makes Zendesk call the relay: the Connection view shows it arrived.
    await zendesk.agentReply(ticket.id, { body: 'Hello, I am on it', public: true });
    await zendesk.settleWebhooks();
    await page.goto(navBar);
    await app.locator('[data-testid=tab-connection]').click({ timeout: 20_000 });
    await expect.poll(() => app.locator('[data-testid=health-last-webhook]').textContent(), { timeout: 20_000 }).not.toContain('None yet');

    // A German-speaking admin reads the whole view in German, the Access line too (worded from the relay's code).
    await page.goto(navBar.replace('locale=en', 'locale=de'));
    await app.getByRole('tab', { name: 'Verbindung' }).click({ timeout: 20_000 });
    await expect.poll(() => app.locator('[data-testid=health-access] dd').textContent(), { timeout: 20_000 })
      .toMatch(/^OK Verbunden als .+ \(Zendesk-Admin\); Tickets und Webhooks sind zugänglich\.$/);
    expect(blocking(await axeViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows the settings once with Copy buttons when Zendesk will not save them, and works once they are pasted', async () => {
    // Another installation of the app (reinstalled, say); Zendesk refuses the settings update this time.
    installationId = zendesk.installApp({ settings: { relay_url: relay.url } }).id;
    zendesk.faults.failNext(1, { status: 403, pathPrefix: '/api/v2/apps/installations', method: 'PUT' });
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${workspace.url}/?location=nav_bar&installation=1&subdomain=acme&ticket=0&locale=en`);
    const app = page.frameLocator('#app');
    const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=connect-button]').click({ timeout: 20_000 })]);
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 20_000 }); // it may have closed already
    const secret = await app.locator('[data-testid=copy-secret]').inputValue({ timeout: 20_000 });
    const tenantId = await app.locator('[data-testid=copy-tenant]').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(zendesk.installation(installationId)!.settings.shared_secret).toBeUndefined();
    expect(await app.locator('[data-testid=connect-copy]').textContent()).toContain('Zendesk Support apps → Baton → Settings');
    expect(blocking(await axeViolations(page))).toEqual([]);
    // The admin pastes them into the app's settings in Admin Center, then confirms.
    Object.assign(zendesk.installation(installationId)!.settings, { tenant_id: tenantId, shared_secret: secret });
    await app.locator('[data-testid=copied-done]').click();
    await expect.poll(() => app.locator('[data-testid=health-summary]').textContent(), { timeout: 20_000 }).toContain('Everything is in place.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
