import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The SDK as a platform installs it: built with its own tsconfig (no Node types), loaded by plain Node as ESM. */
describe('the @baton/sdk package', () => {
  it('builds to ESM with declarations and loads by its name without a TypeScript loader', async () => {
    await run(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'sdk/tsconfig.json'], { cwd: ROOT });
    const declarations = readFileSync(new URL('../dist/index.d.ts', import.meta.url), 'utf8');
    expect(declarations).toMatch(/createBatonClient/);
    const script = `import * as sdk from '@baton/sdk'; console.log(JSON.stringify(Object.keys(sdk).sort()));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['BatonApiError', 'BatonNetworkError', 'BatonWebhookError', 'createBatonClient', 'verifyWebhook']));
  }, 120_000);
});
