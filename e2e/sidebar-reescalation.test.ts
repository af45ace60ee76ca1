import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffBody, waitFor } from '../server/test/harness.js';
import { hasChromium } from './chromium.js';
import { startAppWorld, type AppWorld } from './app-world.js';

const suite = hasChromium() ? describe : describe.skip;

/**
 * A conversation escalated again continues on its Zendesk ticket (the relay's real Zendesk adapter against the
 * emulator): an agent who has that ticket open must see the new handoff live, not the returned one for a minute.
 */
suite('the sidebar when the conversation is escalated again (Chromium, real ZAF SDK, Zendesk emulator)', () => {
  let world: AppWorld;
  beforeAll(async () => {
    world = await startAppWorld();
  }, 60_000);
  afterAll(() => world?.stop());

  const ticketOf = (id: string) => waitFor('the ticket', async () => (await world.relay.api('GET', `/v1/sessions/${id}`)).body.session.ticket?.id as string | undefined, 15_000);
  const handOff = async (body: ReturnType<typeof handoffBody>) => {
    const res = await world.relay.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBeLessThan(300);
    return res.body.session.id as string;
  };

  it('switches live to the new handoff on the same ticket after Return to AI', async () => {
    const { relay, workspace, browser } = world;
    const body = handoffBody();
    const ticketId = await ticketOf(await handOff(body));
    const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${workspace.url}/?ticket=${ticketId}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}`);
    const app = page.frameLocator('#app');
    const state = app.locator('[data-testid=state]');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    // The live stream is open: polling has slowed to once a minute.
    await waitFor('the live stream', () => workspace.proxied.some((u) => u.includes('/stream-token')), 15_000);
    await app.locator('[data-testid=return-to-ai]').click();
    await app.locator('[data-testid=confirm-return]').click();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('Returned to AI');

    // The customer asks for a person again: the relay puts the new handoff on the same ticket (Zendesk reopens it).
    const again = await handOff({ ...body, reason: { code: 'negative_sentiment', text: 'Upset' } });
    expect(await ticketOf(again)).toBe(ticketId);
    // Well within the minute the sidebar polls while its stream is open: the stream itself brings the new handoff.
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toBe('Waiting for an agent');
    expect(await app.locator('[data-testid=take-over]').count()).toBe(1);
    expect(await app.locator('[data-testid=handoff-separator]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
