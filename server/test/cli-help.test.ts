import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './child-cli.js';

/**
 * An operator reads a command's help before anything is set up (or on a machine that is not the relay's): `tenant:create
 * --help` there answered "DATA_DIR: … holds no Baton database", exit 78, instead of the command's usage.
 */
describe("a command's help", () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-cli-help-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['--help'], ['-h']])('is printed without a database or configuration (%s), and nothing is created', async (flag) => {
    const dataDir = join(dir, 'nothing-here');
    const run = await runCli(['tenant:create', flag], { DATA_DIR: dataDir, PORT: 'not-a-port' });
    expect(run.stdout).toContain('tenant:create: Create a tenant');
    expect(run.stdout).toContain('Usage: npm run baton -- tenant:create --name "Acme"');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
