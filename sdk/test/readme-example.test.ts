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
  it('type-checks (strict) against the current SDK', async () => {
    const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('\n## SDK\n'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code, 'a ```ts block in the SDK section').toBeDefined();
    mkdirSync(`${ROOT}/tmp`, { recursive: true }); // tmp/ is git-ignored
    const file = `${ROOT}/tmp/readme-sdk-example.ts`;
    writeFileSync(file, `declare function sendToCustomer(conversationId: string, text: string): void;\n${code!.replace("'@baton/sdk'", "'../sdk/src/index.js'")}\nexport {};\n`);
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', file];
    const result = await run(process.execPath, [tsc, ...args], { cwd: ROOT }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  }, 120_000);

  it('receives an event over 64 KB of multi-byte text with its webhook receiver, run as written', async () => {
    // Node hands a body over in ~64 KB chunks cut at any byte: a receiver that decodes each chunk on its own
    // splits characters, the signature fails and the relay retries until the event is dead-lettered.
    const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('\n## SDK\n')))![1]!;
    const receiver = /createServer\([\s\S]*?\.listen\(3000\);/.exec(code)?.[0];
    expect(receiver, 'the createServer(…).listen(3000) receiver in the SDK example').toBeDefined();
    mkdirSync(`${ROOT}/tmp`, { recursive: true });
    const file = `${ROOT}/tmp/readme-sdk-receiver.ts`;
    writeFileSync(
      file,
      "import { createServer } from 'node:http';\nimport { createBatonClient } from '../sdk/src/index.js';\n" +
        'export function start(webhookSecret: string, sendToCustomer: (conversationId: string, text: string) => void) {\n' +
        "  const baton = createBatonClient({ apiKey: 'bk_unused', baseUrl: 'http://127.0.0.1:9', webhookSecret });\n" +
        `  return ${receiver!.replace('.listen(3000);', ".listen(0, '127.0.0.1');")}\n}\n`,
    );
    const { start } = (await import(/* @vite-ignore */ file)) as { start: (secret: string, send: (c: string, t: string) => void) => Server };
    const secret = `whsec_${Buffer.from('readme-receiver-secret-32-bytes!').toString('base64')}`;
    const received: string[] = [];
    const server = start(secret, (_conversation, text) => received.push(text));
    await new Promise<void>((r) => server.once('listening', r));
    try {
      const text = 'お待たせしました。ご注文の返金手続きを進めます。'.repeat(2_000); // ~150 KB of UTF-8
      const body = JSON.stringify({ type: 'message.created', timestamp: new Date().toISOString(), data: { sessionId: 'ses_1', conversationId: 'c-1', message: { id: 'zd-1', seq: 2, role: 'agent', text, createdAt: new Date().toISOString(), attachments: [], authorName: 'Aiko', source: 'helpdesk' } } });
      const now = new Date();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_1', now, body) },
        body,
      });
      expect(res.status).toBe(204);
      expect(received).toEqual([text]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
