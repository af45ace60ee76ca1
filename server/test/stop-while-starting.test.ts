import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { TEST_MASTER_KEY, waitFor } from './harness.js';

/**
 * A SIGTERM that arrived while the relay was starting (a deploy rolled back, a pod evicted during migrations) met Node's
 * default: the process died mid-start, exit 143, leaving the data-dir lock for the next start to take over. Now the
 * start completes and the relay stops as it does once running: exit 0, lock released.
 */
describe('a relay told to stop while it is starting', () => {
  let child: ChildRelay | undefined;
  let dir = '';
  afterEach(async () => {
    await child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes starting, then stops cleanly: exit 0 and the data directory released', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-stop-starting-'));
    const lock = join(dir, 'pglite', 'baton.lock');
    child = spawnRelay({ DATA_DIR: dir, MASTER_KEY: TEST_MASTER_KEY });
    // The lock exists from the moment the database opens, before its migrations: the relay is mid-start.
    await waitFor('the data-dir lock', () => existsSync(lock), 60_000);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('shutting down');
    expect(existsSync(lock)).toBe(false);
  }, 90_000);
});
