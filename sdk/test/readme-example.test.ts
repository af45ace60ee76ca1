import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
});
