/**
 * The sidebar's own time to show a conversation, in Debian's Chromium with the real ZAF SDK (local workspace, real
 * relay): from the moment the session's data arrives in the app's iframe (the ZAF proxy's answer) to the first frame
 * painted with the transcript's newest message on screen. 1,000 messages against a 3-message baseline measured in the
 * same run; prints both medians with their spread and the ratio (targets: < 150 ms, ratio ≤ 1.2).
 * The data is what the sidebar asks for: the newest window of the conversation (src/api.ts WINDOW_MESSAGES), so a
 * long conversation's answer is the size of a short one's. For the whole picture it also prints the time from the
 * iframe's start to that paint (scripts, ZAF handshake, the relay's answer through the proxy, render).
 *   npm run bench:paint        (BENCH_RUNS=n runs; default 15: the shared machine is noisy)
 */
import { randomUUID } from 'node:crypto';
import { rotateAppSecret } from '../server/relay/admin.js';
import { startTestRelay, waitFor, handoffBody } from '../server/test/harness.js';
import { createRecordingHelpdesk } from '../server/test/recording-helpdesk.js';
import { launchChromium } from '../e2e/chromium.js';
import { startWorkspace } from '../e2e/workspace.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const desk = createRecordingHelpdesk();
const relay = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk });
const workspace = await startWorkspace({ sharedSecret: await rotateAppSecret(relay.relay.db, relay.relay.masterKey, relay.tenantId) });
const browser = await launchChromium();

async function ticketWith(messages: number): Promise<string> {
  const transcript = Array.from({ length: messages }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: `Message ${i}: ${'lorem ipsum dolor sit amet '.repeat(3)}`, createdAt: new Date(Date.now() - (messages - i) * 1000).toISOString() }));
  const res = await relay.api('POST', '/v1/handoffs', handoffBody({ transcript }), { 'idempotency-key': randomUUID() });
  return (await waitFor('ticket', () => desk.ticketOf(res.body.session.id))).id;
}

/**
 * Runs in the app's iframe before its scripts: notes when the first ZAF answer carrying a session arrives, then
 * watches frame by frame until the newest message is in the conversation's view, and records the time to the
 * frame after that one (the frame that shows it). A string, not a function: tsx would wrap a function's inner
 * names with a helper the page does not have.
 */
const measureInFrame = (newest: string) => `
  if (location.pathname.endsWith('/iframe.html')) {
    let arrived = 0;
    window.addEventListener('message', (e) => {
      if (arrived || typeof e.data !== 'string' || !e.data.includes('"session"') || !e.data.includes('.done')) return;
      arrived = performance.now();
      const check = () => {
        const last = document.querySelector('.scroller li.msg:last-child');
        const scroller = document.querySelector('.scroller');
        if (last && last.textContent.includes(${JSON.stringify(newest)}) && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2) {
          requestAnimationFrame(() => {
            window.openMs = performance.now();
            window.paintMs = window.openMs - arrived;
            window.bytes = e.data.length;
          });
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, true);
  }`;

type Sample = { paintMs: number; openMs: number; bytes: number };
async function paint(ticketId: string, messages: number): Promise<Sample> {
  const page = await browser.newPage();
  await page.addInitScript({ content: measureInFrame(`Message ${messages - 1}:`) });
  await page.goto(`${workspace.url}/?ticket=${ticketId}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}`);
  const frame = await waitFor('the app frame', () => page.frames().find((f) => f.url().includes('/app/iframe.html')), 30_000);
  await frame.waitForFunction(() => (window as unknown as { paintMs?: number }).paintMs !== undefined, undefined, { timeout: 30_000 });
  const sample = await frame.evaluate(() => {
    const w = window as unknown as Sample;
    return { paintMs: w.paintMs, openMs: w.openMs, bytes: w.bytes };
  });
  await page.close();
  return sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const small = await ticketWith(3);
const large = await ticketWith(1_000);
await paint(small, 3); // warm-up
await paint(large, 1_000);
const base: Sample[] = [];
const big: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  base.push(await paint(small, 3));
  big.push(await paint(large, 1_000));
}
const line = (label: string, xs: Sample[]) => {
  const paintMs = xs.map((x) => x.paintMs);
  const openMs = xs.map((x) => x.openMs);
  return `  ${label} ${median(paintMs).toFixed(1)} ms (${spread(paintMs)})   open → painted ${median(openMs).toFixed(0)} ms (${spread(openMs)})   answer ${(xs[0]!.bytes / 1024).toFixed(1)} KB`;
};
console.log(`sidebar: data arrived → newest message painted (median of ${RUNS}, min–max; Chromium, real ZAF SDK, through the ZAF proxy stand-in)`);
console.log(line('3 messages (baseline):', base));
console.log(line('1,000 messages:       ', big));
console.log(`  ratio ${(median(big.map((x) => x.paintMs)) / median(base.map((x) => x.paintMs))).toFixed(2)}   (targets: < 150 ms, ratio ≤ 1.2)`);
await browser.close();
await workspace.stop();
await relay.stop();
