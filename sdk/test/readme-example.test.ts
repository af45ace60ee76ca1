import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's SDK example is what a platform copies first: it must compile against the SDK as it is. */
describe('the README SDK example', () => {
  it('type-checks (strict) against the current SDK, every ts block of the section', async () => {
    const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
    const start = readme.indexOf('\n## SDK\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    // The handoff with its webhook receiver, and the rules' decision (evaluate): both are what a platform copies.
    expect(blocks.length, '```ts blocks in the SDK section').toBeGreaterThanOrEqual(2);
    mkdirSync(`${ROOT}/tmp`, { recursive: true }); // tmp/ is git-ignored
    const files = blocks.map((code, i) => {
      const file = `${ROOT}/tmp/readme-sdk-example-${i + 1}.ts`;
      writeFileSync(file, `declare function sendToCustomer(conversationId: string, text: string): void;\n${code.replace("'@baton/sdk'", "'../sdk/src/index.js'")}\nexport {};\n`);
      return file;
    });
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];
    // One program per block: each is a module of its own, as a platform would paste it.
    for (const file of files) {
      const result = await run(process.execPath, [tsc, ...args, file], { cwd: ROOT }).catch((e: { stdout: string }) => e);
      expect(result.stdout, file).toBe('');
    }
  }, 240_000);

  it('receives an event over 64 KB of multi-byte text with its webhook receiver, run as written', async () => {
    // Node hands a body over in ~64 KB chunks cut at any byte: a receiver that decodes each chunk on its own
    // splits characters, the signature fails and the relay retries until the event is dead-lettered.
    await withReadmeReceiver(async (post, received) => {
      const text = 'お待たせしました。ご注文の返金手続きを進めます。'.repeat(2_000); // ~150 KB of UTF-8
      const res = await post({ type: 'message.created', timestamp: new Date().toISOString(), data: { sessionId: 'ses_1', conversationId: 'c-1', message: { id: 'zd-1', seq: 2, role: 'agent', text, createdAt: new Date().toISOString(), attachments: [], authorName: 'Aiko', source: 'helpdesk' } } });
      expect(res.status).toBe(204);
      expect(received).toEqual([text]);
    });
  });

  it('acknowledges an event type newer than the SDK, and refuses a bad signature, with its webhook receiver run as written', async () => {
    // A relay upgraded before the platform's SDK sends types the SDK does not know. A non-2xx is retried for hours
    // and, delivery being ordered per session, holds back that session's later events (the agent's replies).
    await withReadmeReceiver(async (post) => {
      const newer = await post({ type: 'session.something_new', timestamp: new Date().toISOString(), data: { sessionId: 'ses_1', conversationId: 'c-1' } });
      expect(newer.status).toBe(204);
      const forged = await post({ type: 'message.created', timestamp: new Date().toISOString(), data: {} }, 'msg_2', `v1,${Buffer.alloc(32).toString('base64')}`);
      expect(forged.status).toBe(400);
    });
  });
});

/** The README's receiver (createServer(…).listen(3000)) as written, on an ephemeral port, with a poster of signed events. */
async function withReadmeReceiver(run: (post: (payload: unknown, id?: string, signature?: string) => Promise<Response>, received: string[]) => Promise<void>) {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('\n## SDK\n')))![1]!;
  const receiver = /createServer\([\s\S]*?\.listen\(3000\);/.exec(code)?.[0];
  expect(receiver, 'the createServer(…).listen(3000) receiver in the SDK example').toBeDefined();
  mkdirSync(`${ROOT}/tmp`, { recursive: true });
  const file = `${ROOT}/tmp/readme-sdk-receiver.ts`;
  writeFileSync(
    file,
    "import { createServer } from 'node:http';\nimport { BatonWebhookError, createBatonClient } from '../sdk/src/index.js';\n" +
      'export function start(webhookSecret: string, sendToCustomer: (conversationId: string, text: string) => void) {\n' +
      "  const baton = createBatonClient({ apiKey: 'bk_unused', baseUrl: 'http://127.0.0.1:9', webhookSecret });\n" +
      `  return ${receiver!.replace('.listen(3000);', ".listen(0, '127.0.0.1');")}\n}\n`,
  );
  const { start } = (await import(/* @vite-ignore */ file)) as { start: (secret: string, send: (c: string, t: string) => void) => Server };
  const secret = `whsec_${Buffer.from('readme-receiver-secret-32-bytes!').toString('base64')}`;
  const received: string[] = [];
  const server = start(secret, (_conversation, text) => received.push(text));
  await new Promise<void>((r) => server.once('listening', r));
  const post = (payload: unknown, id = 'msg_1', signature?: string) => {
    const body = JSON.stringify(payload);
    const now = new Date();
    return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature ?? new Webhook(secret).sign(id, now, body) },
      body,
    });
  };
  try {
    await run(post, received);
  } finally {
    await new Promise((r) => server.close(r));
  }
}
