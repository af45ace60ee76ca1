import type { FrameLocator } from 'playwright-core';
import type { AppWorld } from './app-world.js';

/**
 * The nav_bar page as the admin browser tests drive it: opened signed in as a Zendesk admin, the world's AI agent's
 * "While the customer waits" form, a rule written but not saved.
 */
export function adminPage(world: () => AppWorld) {
  /** The admin page at a desktop width, on the AI agents tab, signed in as a Zendesk admin (the popup). */
  const openSignedIn = async () => {
    const { browser, workspace, relay } = world();
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`${workspace.url}/?location=nav_bar&ticket=0&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}&locale=en`);
    const app = page.frameLocator('#app');
    await app.getByRole('tab', { name: 'AI agents' }).click({ timeout: 15_000 });
    const [popup] = await Promise.all([page.waitForEvent('popup'), app.locator('[data-testid=agents-sign-in]').click({ timeout: 15_000 })]);
    // It may have closed already. If it stays open, say where it stopped (it failed once in a CI run, not since).
    if (!popup.isClosed()) {
      await popup.waitForEvent('close', { timeout: 30_000 }).catch(async (error: unknown) => {
        const text = await popup.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
        throw new Error(`the sign-in popup stayed open at ${popup.url()}: ${text.slice(0, 300)}`, { cause: error });
      });
    }
    await app.locator('[data-testid=agent-card]').first().waitFor({ timeout: 15_000 });
    return { page, app };
  };
  /** The "While the customer waits" form of the world's AI agent, opened. */
  const openWaitingSettings = async () => {
    const { page, app } = await openSignedIn();
    const card = app.locator(`[data-testid=agent-card][data-agent-id="${world().relay.agentId}"]`);
    await card.locator('[data-testid=waiting-toggle]').click();
    return { page, app, form: card.locator('[data-testid=waiting-settings]') };
  };
  /** On the Rules tab, a new rule named `name` that matches `word`, not saved yet. */
  const draftRule = async (app: FrameLocator, name: string, word: string) => {
    await app.getByRole('tab', { name: 'Rules' }).click();
    await app.locator('[data-testid=new-rule]').click({ timeout: 15_000 });
    await app.locator('input[data-testid=rule-name]').fill(name);
    await app.locator('[data-testid=rule-editor] fieldset').first().locator('input').first().fill(word);
  };
  return { openSignedIn, openWaitingSettings, draftRule };
}
