import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { TEST_MASTER_KEY } from './harness.js';

const CRASH_PRELOAD = fileURLToPath(new URL('./fixtures/crash-on-signal.mjs', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const SECRET = 'zd_live_Q8vT3kR9mW2x';

/**
 * A bug that escapes every handler used to end the relay with Node's raw stack on stderr: many lines a log shipper
 * splits into many events, and the error's message as is (here a token quoted in it, as an HTTP client's error may).
 */
describe('a relay that crashes on a bug logs one redacted fatal line and exits', () => {
  let child: ChildRelay | undefined;
  let dir = '';
  afterEach(async () => {
    await child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['rejection', 'unhandledRejection'],
    ['exception', 'uncaughtException'],
  ] as const)('crash by %s: one JSON line at level fatal naming the error, no secret, exit 1', async (mode, origin) => {
    dir = mkdtempSync(join(tmpdir(), 'baton-fatal-'));
    child = spawnRelay(
      { DATA_DIR: dir, MASTER_KEY: TEST_MASTER_KEY, BATON_TEST_CRASH: mode, BATON_TEST_CRASH_MESSAGE: `Zendesk refused token "${SECRET}"` },
      ['--import', CRASH_PRELOAD],
    );
    await child.url;
    child.process.kill('SIGUSR2');
    const code = await child.exited;
    const output = child.output();
    expect(code).toBe(1);
    expect(output).not.toContain(SECRET);
    // Node's own crash output: stack frames on lines of their own.
    expect(output).not.toMatch(/^\s+at /m);
    const fatal = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; origin?: string; err?: { type: string; message: string } })
      .filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.origin).toBe(origin);
    expect(fatal[0]!.err).toMatchObject({ type: 'Error', message: 'Zendesk refused token "[redacted]"' });
    expect(fatal[0]!.msg).toContain('Zendesk refused token');
  }, START_TIMEOUT_MS);
});
