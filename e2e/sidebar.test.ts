import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZendeskEmulator } from '../server/zendesk-emu/index.js';
import { handoffBody, waitFor, type TestRelay } from '../server/test/harness.js';
import { createRecordingHelpdesk } from '../server/test/recording-helpdesk.js';
import { CHROMIUM, hasChromium } from './chromium.js';
import type { startWorkspace } from './workspace.js';
import { startAppWorld, type AppWorld } from './app-world.js';

const suite = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`\n⚠️  SKIPPING the browser tests: ${CHROMIUM} is missing (.ci/run installs Debian's chromium).\n`);

/** The built app with the real ZAF SDK in Debian's Chromium, hosted by the local workspace, against the real relay. */
suite('the sidebar in Chromium with the real ZAF SDK', () => {
  let browser: Browser;
  let relay: TestRelay;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  // The Zendesk account admins sign in to (OAuth) before they may change the rules.
  let zendesk: ZendeskEmulator;
  const desk = createRecordingHelpdesk();
  let world: AppWorld | undefined;
  beforeAll(async () => {
    world = await startAppWorld({ helpdeskFor: async () => desk.helpdesk });
    ({ zendesk, relay, workspace, browser } = world);
  }, 60_000);
  afterAll(() => world?.stop());

  /** Narrow-sidebar screenshots for people to look at (not compared): dist/ is not committed. */
  const screenshots = join(import.meta.dirname, '..', 'dist', 'screenshots');
  /** The sidebar alone at Zendesk's narrowest sidebar width, 320 px. */
  const shootSidebar = async (page: Page, name: string) => {
    await page.addStyleTag({ content: '#sidebar { width: 320px !important; flex: none; }' });
    await page.locator('#sidebar').screenshot({ path: join(screenshots, name) });
  };
  const open = async (body = handoffBody()) => {
    const res = await relay.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    const ticket = await waitFor('ticket', () => desk.ticketOf(id));
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => (errors.push(`dialog: ${d.message()}`), void d.dismiss()));
    await page.goto(`${workspace.url}/?ticket=${ticket.id}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}`);
    const app = page.frameLocator('#app');
    return { id, page, app, errors, body };
  };

  it('renders the transcript, shows a new message, and returns the session to the AI', async () => {
    const { id, page, app, errors, body } = await open();
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    expect(await app.locator('[data-testid=transcript] li.msg').count()).toBe(3);
    await relay.api('POST', `/v1/sessions/${id}/messages`, { id: 'live-1', role: 'user', text: 'Still there?', createdAt: new Date().toISOString() });
    await expect.poll(() => app.locator('[data-testid=transcript]').textContent(), { timeout: 15_000 }).toContain('Still there?');
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'screenshot-sidebar.png') });
    // The marketplace listing's first screenshot: 1024x768, numbered from 0 (reference/zaf.md, assets).
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(import.meta.dirname, '..', 'public', 'screenshot-0.png') });
    await app.locator('textarea').fill('Refund issued, please confirm with the customer');
    await app.locator('[data-testid=return-to-ai]').click();
    // An inline confirmation says what happens to the ticket (the tenant's default: Solved) before anything is sent.
    expect(await app.locator('[data-testid=return-effect]').textContent()).toBe('The ticket will be set to Solved, with a private note and the tag baton_returned.');
    await expect.poll(() => app.locator('[data-testid=confirm-return]').evaluate((b) => b === document.activeElement)).toBe(true);
    expect((await relay.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('waiting');
    await shootSidebar(page, 'sidebar-confirm-320.png');
    await app.locator('[data-testid=confirm-return]').click();
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 10_000 }).toBe('Returned to AI');
    expect((await relay.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('returned');
    // The ticket gets the note naming the agent (ZAF currentUser.name) and the status.
    const ticket = desk.ticketOf(id)!;
    await waitFor('the return note', () => ticket.comments.some((c) => c.kind === 'note' && c.text.includes('Sam Agent')));
    await waitFor('the solved status', () => ticket.status === 'solved');

    // The customer asks for a human again: the same ticket, one timeline, a separator where the new handoff starts.
    const again = await relay.api('POST', '/v1/handoffs', { ...body, transcript: [...body.transcript, { id: 'm4', role: 'user', text: 'It still has not arrived, I need a person', createdAt: new Date().toISOString() }], reason: { code: 'negative_sentiment', text: 'Upset' } }, { 'idempotency-key': randomUUID() });
    expect(again.status).toBeLessThan(300);
    // The recording helpdesk opens a new ticket where Zendesk reopens the old one; the sidebar's history is the same.
    const next = await waitFor('the new handoff\'s ticket', () => desk.ticketOf(again.body.session.id as string));
    await page.goto(`${workspace.url}/?ticket=${next.id}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}`);
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    const separator = app.locator('[data-testid=handoff-separator]');
    expect(await separator.count()).toBe(1);
    expect(await separator.textContent()).toMatch(/^Handed off again · .+ · Upset customer$/);
    const texts = await app.locator('[data-testid=transcript] > li:not(.day)').evaluateAll((lis) => lis.map((li) => (li.matches('[data-testid=handoff-separator]') ? '|' : li.querySelector('.text')?.textContent)));
    expect(texts).toEqual(['My order 88213 never arrived', 'I can check that. What is your postcode?', 'I want to talk to a person', 'Still there?', '|', 'It still has not arrived, I need a person']);
    await separator.scrollIntoViewIfNeeded();
    await shootSidebar(page, 'sidebar-handoffs-320.png');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('lets an agent take over a waiting session before replying', async () => {
    const { id, page, app, errors } = await open();
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    await shootSidebar(page, 'sidebar-waiting-320.png');
    await app.locator('[data-testid=take-over]').click();
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 10_000 }).toBe('With a human');
    expect((await relay.api('GET', `/v1/sessions/${id}`)).body.session.state).toBe('human');
    expect(await app.locator('[data-testid=take-over]').count()).toBe(0);
    expect(await app.locator('[data-testid=state]').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('wraps an unbroken reason and summary inside the Why card at 320 px', async () => {
    const run = 'https://shop.example/orders/'.concat('8'.repeat(160));
    const { page, app, errors } = await open(handoffBody({ reason: { code: 'customer_request', text: run }, summary: run }));
    await page.addStyleTag({ content: '#sidebar { width: 320px !important; flex: none; }' });
    const why = app.locator('[data-testid=why]');
    await why.locator('.summary').waitFor({ timeout: 15_000 });
    // Text that runs past its box widens the box's scroll width: nothing in the card may be wider than the card.
    const widest = await why.evaluate((card) => Math.max(...[card, ...card.querySelectorAll('*')].map((el) => el.getBoundingClientRect().left + el.scrollWidth)) - card.getBoundingClientRect().right);
    expect(widest).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps a hostile transcript inert', async () => {
    const body = handoffBody({
      transcript: [
        { id: 'x1', role: 'user', text: '<img src=x onerror="alert(1)"><script>alert(2)</script>', createdAt: new Date().toISOString(), attachments: [{ url: 'https://files.example/a.pdf', name: 'a.pdf' }] },
        { id: 'x2', role: 'user', text: 'see link', createdAt: new Date().toISOString(), attachments: [{ url: 'https://files.example/b.pdf', name: 'javascript:alert(3)' }] },
      ],
    });
    const { page, app, errors } = await open(body);
    await expect.poll(() => app.locator('[data-testid=transcript] li.msg').count(), { timeout: 15_000 }).toBe(2);
    expect(await app.locator('[data-testid=transcript] img').count()).toBe(0);
    expect(await app.locator('[data-testid=transcript]').textContent()).toContain('<img src=x');
    const hrefs = await app.locator('[data-testid=transcript] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => h?.startsWith('https://'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
