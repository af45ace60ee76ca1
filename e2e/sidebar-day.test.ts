import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_MESSAGES } from '../src/api.js';
import { rotateAppSecret } from '../server/relay/admin.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from '../server/test/harness.js';
import { createRecordingHelpdesk } from '../server/test/recording-helpdesk.js';
import { appFrame, axeViolations, blocking, type AxeFinding } from './axe.js';
import { hasChromium, launchChromium } from './chromium.js';
import { startWorkspace } from './workspace.js';

const suite = hasChromium() ? describe : describe.skip;

/**
 * The sidebar through an agent's day, in Chromium with the real ZAF SDK against the real relay: a long conversation
 * opened at its newest message, new messages while reading older ones, an outage, a wrong secret, reading aids,
 * and axe-core on each state (0 critical, 0 serious).
 */
suite('the sidebar through an agent\'s day (Chromium, real ZAF SDK)', () => {
  let browser: Browser;
  let relay: TestRelay;
  let workspace: Awaited<ReturnType<typeof startWorkspace>>;
  const desk = createRecordingHelpdesk();
  /** Every state's axe findings, printed at the end for the report. */
  const axeByState: Record<string, AxeFinding[]> = {};
  const screenshots = join(import.meta.dirname, '..', 'dist', 'screenshots');
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    relay = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk });
    workspace = await startWorkspace({ sharedSecret: await rotateAppSecret(relay.relay.db, relay.relay.masterKey, relay.tenantId) });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    console.log(`axe-core 4.14 on the sidebar: ${JSON.stringify(Object.fromEntries(Object.entries(axeByState).map(([state, f]) => [state, f.map((x) => `${x.id}:${x.impact}:${x.nodes}`)])))}`);
    await browser?.close();
    await workspace?.stop();
    await relay?.stop();
  });

  const handOff = async (body = handoffBody()) => {
    const res = await relay.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBeLessThan(300);
    const id = res.body.session.id as string;
    return { id, ticketId: (await waitFor('ticket', () => desk.ticketOf(id))).id };
  };
  const openTicket = async (ticketId: string, { width = 350, locale = 'en', on = workspace, relayUrl = relay.url, route }: { width?: number; locale?: string; on?: typeof workspace; relayUrl?: string; route?: (page: Page) => Promise<unknown> } = {}) => {
    const page = await browser.newPage({ viewport: { width: width + 500, height: 900 } });
    await route?.(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((w) => document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = `#sidebar { width: ${w}px !important; flex: none; }`;
      document.head.append(style);
    }), width);
    await page.goto(`${on.url}/?ticket=${ticketId}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relayUrl)}&locale=${locale}`);
    return { page, app: page.frameLocator('#app'), errors };
  };
  /** A screenshot of the sidebar alone; `docs` ones are also the README's (docs/). */
  const shoot = async (page: Page, name: string, { docs = false } = {}) => {
    const png = await page.locator('#sidebar').screenshot({ path: join(screenshots, name) });
    if (docs) writeFileSync(join(import.meta.dirname, '..', 'docs', name), png);
  };
  const gate = async (page: Page, state: string) => {
    axeByState[state] = await axeViolations(page);
    expect(blocking(axeByState[state]!), state).toEqual([]);
  };
  const transcript = (n: number) => Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    text: i === n - 1 ? 'I want to talk to a human NOW' : `Message ${i}: where is my order? ${'lorem ipsum '.repeat(i % 5)}`,
    // 75 minutes apart: the newest window (24 messages, 30 hours) crosses midnight at any time of day, so day separators show.
    createdAt: new Date(Date.now() - (n - i) * 75 * 60_000).toISOString(),
  }));

  it('opens a long conversation at its newest message, keeps the agent\'s place, and offers Jump to latest', async () => {
    const { id, ticketId } = await handOff(handoffBody({ transcript: transcript(328) }));
    const { page, app, errors } = await openTicket(ticketId);
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    const scroller = app.locator('.scroller');
    const distanceFromBottom = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    // Opened at the bottom: the newest message is in view, the first page of older ones above it.
    await expect.poll(distanceFromBottom).toBeLessThan(2);
    await expect(app.locator('li.msg').last().textContent()).resolves.toContain('I want to talk to a human NOW');
    expect(await app.locator('li.msg').last().evaluate((li) => {
      const box = li.getBoundingClientRect();
      const view = li.closest('.scroller')!.getBoundingClientRect();
      return box.bottom <= view.bottom + 1 && box.top >= view.top - 1;
    })).toBe(true);
    expect(await app.getByRole('button', { name: 'Show 100 earlier messages' }).count()).toBe(1);
    // The first screen paints 12 messages; the rest of the relay's window (30 hours: always two days) follows when idle.
    await expect.poll(() => app.locator('li.msg').count(), { timeout: 15_000 }).toBe(WINDOW_MESSAGES);
    expect(await app.locator('li.day').count()).toBeGreaterThan(1);
    await shoot(page, 'sidebar-long-350.png', { docs: true });
    await gate(page, 'long');

    // The agent scrolls up to read; a new message arrives: their place is kept and Jump to latest appears.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await relay.api('POST', `/v1/sessions/${id}/messages`, { id: 'live-1', role: 'user', text: 'Hello?? Anyone there?', createdAt: new Date().toISOString() });
    await app.locator('[data-testid=jump-latest]').waitFor({ timeout: 15_000 });
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeLessThan(50);
    await shoot(page, 'sidebar-jump-350.png');
    await app.locator('[data-testid=jump-latest]').click();
    await expect.poll(distanceFromBottom).toBeLessThan(2);
    expect(await app.locator('[data-testid=jump-latest]').count()).toBe(0);
    await expect(app.locator('li.msg').last().textContent()).resolves.toContain('Hello?? Anyone there?');

    // At the bottom, the next message scrolls into view by itself.
    await relay.api('POST', `/v1/sessions/${id}/messages`, { id: 'live-2', role: 'user', text: 'Still waiting', createdAt: new Date().toISOString() });
    await expect.poll(() => app.locator('li.msg').last().textContent(), { timeout: 15_000 }).toContain('Still waiting');
    await expect.poll(distanceFromBottom).toBeLessThan(2);
    expect(await app.locator('[data-testid=jump-latest]').count()).toBe(0);

    // Earlier messages come a page at a time, above the ones being read (which stay where they were).
    const before = await app.locator('li.msg').count();
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await app.getByRole('button', { name: 'Show 100 earlier messages' }).click();
    await expect.poll(() => app.locator('li.msg').count()).toBe(before + 100);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('reads messages as written: right-to-left text, http(s) links only, long messages collapsed, attachments listed', async () => {
    const now = Date.now();
    // The same customer handed off once before, in another conversation: the why card links that ticket.
    const before = await handOff(handoffBody({ endUser: { id: 'u-ar', name: 'Layla', locale: 'ar' } }));
    const { ticketId } = await handOff(handoffBody({
      transcript: [
        { id: 'ar', role: 'user', text: 'مرحبا، طلبي رقم 88213 لم يصل بعد. https://shop.example/orders/88213', createdAt: new Date(now - 60_000).toISOString() },
        { id: 'js', role: 'user', text: 'try javascript:alert(1) and data:text/html,<b>x</b>', createdAt: new Date(now - 50_000).toISOString() },
        { id: 'long', role: 'user', text: `${'A very long pasted log line. '.repeat(170)}END`, createdAt: new Date(now - 40_000).toISOString() },
        { id: 'files', role: 'user', text: 'Photos of the box', createdAt: new Date(now - 30_000).toISOString(), attachments: [{ url: 'https://files.example/box-1.jpg', name: 'box-1.jpg', size: 48_213 }, { url: 'https://files.example/box-2.jpg', name: 'box-2.jpg' }] },
      ],
      metadata: { page: 'https://shop.example/checkout', plan: 'Pro', order_id: '88213' },
      signals: { confidence: 0.31, sentiment: -0.72, intent: 'order_status' },
      endUser: { id: 'u-ar', name: 'Layla', locale: 'ar' },
    }));
    const { page, app, errors } = await openTicket(ticketId, { width: 320 });
    await app.locator('[data-testid=state]').waitFor({ timeout: 15_000 });
    const arabic = app.locator('li.msg').nth(0).locator('.text');
    expect(await arabic.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    expect(await app.locator('li.msg').nth(1).locator('.text').evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
    const link = arabic.locator('a');
    expect(await link.evaluate((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual(['https://shop.example/orders/88213', '_blank', 'noopener noreferrer']);
    expect(await app.locator('li.msg').nth(1).locator('a').count()).toBe(0);
    const long = app.locator('li.msg').nth(2);
    const collapsed = (await long.boundingBox())!.height;
    expect(await long.textContent()).not.toContain('END');
    await long.getByRole('button', { name: 'Show more' }).click();
    expect((await long.boundingBox())!.height).toBeGreaterThan(collapsed * 2);
    expect(await long.textContent()).toContain('END');
    expect(await app.locator('li.msg').nth(3).locator('.attachments li').allTextContents()).toEqual(['box-1.jpg · 47.1 kB', 'box-2.jpg']);
    // Why escalated, in words.
    const why = app.locator('[data-testid=why]');
    expect(await why.textContent()).toContain('low (31%)');
    expect(await why.textContent()).toContain('upset');
    expect(await why.textContent()).toContain('Arabic');
    expect(await why.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['https://shop.example/checkout']);
    await shoot(page, 'sidebar-why-320.png', { docs: true });
    await gate(page, 'short');
    // The timeline's reasons, by keyboard: the toggle shows them as text, one change a line, within 320 px.
    await app.locator('[data-testid=timeline-why]').focus();
    await page.keyboard.press('Enter');
    const reasons = app.locator('[data-testid=timeline-reason]');
    expect(await reasons.allTextContents()).toEqual([' — The AI handed the conversation off', ' — Ticket created']);
    expect(await reasons.first().isVisible()).toBe(true);
    expect(await app.locator('[data-testid=timeline]').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await shoot(page, 'sidebar-timeline-why-320.png');
    await gate(page, 'timeline why');
    await page.keyboard.press('Enter');
    // The customer's earlier handoff: counted, and its ticket opens in Zendesk through ZAF's routeTo action.
    expect(await why.textContent()).toContain(`Earlier handoffs1 · #${before.ticketId}`);
    await why.getByRole('button', { name: `#${before.ticketId}` }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { zafInvoked: unknown[] }).zafInvoked)).toContainEqual({ routeTo: ['ticket', before.ticketId] });
    // Keyboard: Tab reaches the actions, and the focused control shows Garden's focus ring.
    await app.locator('textarea').focus();
    await page.keyboard.press('Tab');
    const ring = await app.locator('[data-testid=take-over]').evaluate((el) => [el === document.activeElement, getComputedStyle(el).boxShadow]);
    expect(ring[0]).toBe(true);
    expect(ring[1]).toContain('rgb(31, 115, 183)');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps the conversation on screen through an outage, says since when, and comes back with a fresh stream', async () => {
    const { id, ticketId } = await handOff();
    const { page, app, errors } = await openTicket(ticketId, { width: 320 });
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Waiting for an agent');
    await waitFor('the live stream', () => workspace.proxied.some((u) => u.endsWith(`/sessions/${id}/stream-token`)));
    const tokensBefore = workspace.proxied.filter((u) => u.endsWith('/stream-token')).length;
    await relay.restart(async () => {
      const banner = app.locator('[data-testid=banner]');
      await banner.waitFor({ timeout: 45_000 });
      expect(await banner.textContent()).toMatch(/^Can't reach Baton since \d{1,2}:\d\d( [AP]M)? — retrying$/);
      expect(await app.locator('li.msg').count()).toBe(3);
      expect(await app.locator('[data-testid=state]').textContent()).toBe('Waiting for an agent');
      await shoot(page, 'sidebar-outage-320.png');
      await gate(page, 'outage');
    });
    await app.locator('[data-testid=banner]').waitFor({ state: 'detached', timeout: 60_000 });
    // The stream came back by itself, with a token fetched after the restart.
    await waitFor('a fresh stream token', () => workspace.proxied.filter((u) => u.endsWith('/stream-token')).length > tokensBefore, 60_000);
    await relay.api('POST', `/v1/sessions/${id}/messages`, { id: 'after', role: 'user', text: 'Back online?', createdAt: new Date().toISOString() });
    await expect.poll(() => app.locator('li.msg').last().textContent(), { timeout: 20_000 }).toContain('Back online?');
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);

  it('tells a wrong shared secret apart from an outage, in the agent\'s language', async () => {
    const { ticketId } = await handOff();
    const wrong = await startWorkspace({ sharedSecret: 'not-the-secret' });
    try {
      const { page, app } = await openTicket(ticketId, { on: wrong, locale: 'de' });
      const banner = app.locator('[data-testid=banner]');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.getAttribute('data-problem')).toBe('secret');
      expect(await banner.textContent()).toMatch(/Schlüssel oder Mandanten-ID/);
      expect(await app.locator('html').getAttribute('lang')).toBe('de');
      await shoot(page, 'sidebar-secret-350.png');
      await gate(page, 'error');
      // The gate can fail: an unnamed button is a critical finding.
      await appFrame(page).evaluate(() => document.querySelector('main')!.append(document.createElement('button')));
      expect(blocking(await axeViolations(page)).map((f) => f.id)).toContain('button-name');
      await page.close();
    } finally {
      await wrong.stop();
    }
  }, 60_000);

  it('says the relay URL is wrong when it leads to a web page that answers every path', async () => {
    // The relay URL setting pointing at the company's website (a single-page app: 200 and HTML for any path).
    const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Acme</title>'));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    try {
      const { page, app, errors } = await openTicket('1', { relayUrl: `http://127.0.0.1:${(site.address() as AddressInfo).port}` });
      const banner = app.locator('[data-testid=banner]');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.getAttribute('data-problem')).toBe('misconfigured');
      expect(await banner.textContent()).toMatch(/^The relay URL in the app settings does not lead to a Baton relay/);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await new Promise((r) => site.close(r));
    }
  }, 60_000);

  it('tells an agent, in their language, that a colleague returned the session first, and keeps the note to copy', async () => {
    const { id, ticketId } = await handOff();
    // The agent's view is a moment old, as when a colleague acts between two reads: no stream, and reads held back.
    let hold = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const route = (page: Page) => page.route('**/proxy', async (request) => {
      const target = String((request.request().postDataJSON() as { url?: string }).url);
      if (target.includes('/stream-token')) return request.fulfill({ contentType: 'application/json', body: JSON.stringify({ status: 0, body: null }) });
      if (hold && target.includes('/session?')) await released;
      return request.fallback();
    });
    const { page, app, errors } = await openTicket(ticketId, { width: 320, locale: 'de', route });
    await expect.poll(() => app.locator('[data-testid=state]').textContent(), { timeout: 15_000 }).toBe('Wartet auf einen Agenten');
    hold = true;
    // A colleague returns it from their own sidebar: the same proxy, the same relay.
    const colleague = await fetch(`${workspace.url}/proxy`, { method: 'POST', body: JSON.stringify({ url: `${relay.url}/app/v1/sessions/${id}/return-to-ai`, type: 'POST', data: '{}', headers: { Authorization: 'Bearer {{jwt.token}}' }, jwt: { claims: { tenant: relay.tenantId, aud: relay.url } } }) });
    expect((await colleague.json()).body).toMatchObject({ alreadyReturned: false });

    const note = 'Erstattung veranlasst, bitte beim Kunden bestätigen';
    const box = app.getByLabel('Notiz für die KI (optional)');
    await box.fill(note);
    await app.locator('[data-testid=return-to-ai]').click();
    await app.locator('[data-testid=confirm-return]').click();
    const said = app.locator('[data-testid=note-not-sent]');
    await said.waitFor({ timeout: 15_000 });
    expect(await said.textContent()).toMatch(/^Jemand anderes hat dieses Gespräch bereits an die KI zurückgegeben\. Ihre Notiz wurde nicht gesendet/);
    expect(await box.inputValue()).toBe(note);
    expect(await app.locator('[data-testid=state]').textContent()).toBe('Zurück an die KI');
    await shoot(page, 'sidebar-note-not-sent-320.png');
    await gate(page, 'note not sent');
    // Fresh reads agree, and the note stays until the agent lets it go; the ticket has the colleague's note only.
    release();
    await app.locator('[data-testid=discard-note]').click();
    await box.waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor('the colleague\'s return note', () => desk.ticketOf(id)!.comments.some((c) => c.kind === 'note'));
    expect(desk.ticketOf(id)!.comments.filter((c) => c.text.includes('Erstattung'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('hides itself on a ticket without a handoff, through ZAF', async () => {
    const { page } = await openTicket('987654321');
    await expect.poll(() => page.evaluate(() => (window as unknown as { zafInvoked: unknown[] }).zafInvoked), { timeout: 15_000 }).toContainEqual({ hide: [] });
    await page.close();
  }, 60_000);
});
