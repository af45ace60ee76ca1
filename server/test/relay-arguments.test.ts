import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm start -- <argv>` as its own process; a relay that starts instead is killed once it listens. */
function runRelayWith(argv: readonly string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...argv], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (stdout.includes('listening on')) child.kill('SIGKILL');
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Arguments to the relay were ignored: `npm start -- --help` started a relay, creating a data directory, a master key and
 * a database wherever the operator stood, and `npm start -- --port 9000` one on the default port.
 */
describe('the relay given arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-relay-args-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage for --help and starts nothing', async () => {
    const dataDir = join(dir, 'help');
    const run = await runRelayWith(['--help'], dataDir);
    expect(run.stdout).toContain('configured by environment variables');
    expect(run.code).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('refuses an argument it does not take with exit 64, pointing at the environment', async () => {
    const dataDir = join(dir, 'port');
    const run = await runRelayWith(['--port', '9000'], dataDir);
    expect(run.stderr).toContain('Unexpected argument "--port": the relay is configured by environment variables (PORT=9000 npm start)');
    expect(run.code).toBe(64);
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
