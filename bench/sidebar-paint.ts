/**
 * First paint of the sidebar with a 1,000-message transcript, in Debian's Chromium with the real ZAF SDK
 * (local workspace, real relay), against a baseline measured in the same run: the same page with a
 * 3-message transcript. Prints both times and the ratio.   npm run bench:paint
 */
import { randomUUID } from 'node:crypto';
import { rotateAppSecret } from '../server/relay/admin.js';
import { startTestRelay, waitFor, handoffBody } from '../server/test/harness.js';
import { createRecordingHelpdesk } from '../server/test/recording-helpdesk.js';
import { launchChromium } from '../e2e/chromium.js';
import { startWorkspace } from '../e2e/workspace.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const desk = createRecordingHelpdesk();
const relay = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk });
const workspace = await startWorkspace({ sharedSecret: await rotateAppSecret(relay.relay.db, relay.relay.masterKey, relay.tenantId) });
const browser = await launchChromium();

async function ticketWith(messages: number): Promise<string> {
  const transcript = Array.from({ length: messages }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: `Message ${i}: ${'lorem ipsum dolor sit amet '.repeat(3)}`, createdAt: new Date(Date.now() - (messages - i) * 1000).toISOString() }));
  const res = await relay.api('POST', '/v1/handoffs', handoffBody({ transcript }), { 'idempotency-key': randomUUID() });
  return (await waitFor('ticket', () => desk.ticketOf(res.body.session.id))).id;
}

async function paint(ticketId: string, expected: number): Promise<number> {
  const page = await browser.newPage();
  const started = performance.now();
  await page.goto(`${workspace.url}/?ticket=${ticketId}&tenant=${relay.tenantId}&relay=${encodeURIComponent(relay.url)}`);
  await page.frameLocator('#app').locator(`[data-testid=transcript] li >> nth=${expected - 1}`).waitFor({ timeout: 30_000 });
  const ms = performance.now() - started;
  await page.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const small = await ticketWith(3);
const large = await ticketWith(1_000);
await paint(small, 3); // warm-up
const base: number[] = [];
const big: number[] = [];
for (let i = 0; i < RUNS; i++) {
  base.push(await paint(small, 3));
  big.push(await paint(large, 200)); // the sidebar renders the latest 200 first
}
console.log(`sidebar first paint (median of ${RUNS}, Chromium, real SDK, through the ZAF proxy stand-in)`);
console.log(`  3 messages (baseline):  ${median(base).toFixed(0)} ms`);
console.log(`  1,000 messages:         ${median(big).toFixed(0)} ms   ratio ${(median(big) / median(base)).toFixed(2)}`);
await browser.close();
await workspace.stop();
await relay.stop();
