import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, watch, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { operatorExitCode } from '../startup-errors.js';
import { acquireDirLock, DataDirLockedError } from './dir-lock.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'baton-dirlock-')));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data-dir lock file', () => {
  // Created empty (O_EXCL) and written a moment later, the lock could be read empty by a relay starting then, which took
  // it for a crashed holder's and replaced it: two relays on one directory. Its content must come with its name. A
  // write to the file under the lock's name shows as a "change" event for it; a link of a file already written shows
  // only as the name appearing ("rename").
  it('appears with its content: never written to under its own name', async () => {
    const dir = tempDir();
    const events: Array<[string, string | null]> = [];
    let sawSentinel: () => void;
    const sentinel = new Promise<void>((resolve) => (sawSentinel = resolve));
    const watcher = watch(dir, (event, filename) => {
      events.push([event, filename]);
      if (filename === 'sentinel') sawSentinel();
    });
    try {
      for (let i = 0; i < 20; i++) acquireDirLock(dir)();
      // Events of one watch arrive in order: once the sentinel's is in, the lock's are all in.
      writeFileSync(join(dir, 'sentinel'), '');
      await sentinel;
    } finally {
      watcher.close();
    }
    const lockEvents = events.filter(([, name]) => name === 'baton.lock');
    expect(lockEvents.length).toBeGreaterThan(0);
    expect(lockEvents.filter(([event]) => event === 'change')).toEqual([]);
  });

  it('holds the holder once taken, refuses a second acquirer, and leaves no temporary file', () => {
    const dir = tempDir();
    const release = acquireDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, 'baton.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(readdirSync(dir)).toEqual(['baton.lock']);
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  // A starter that died between creating the marker that lets it alone remove a dead holder's lock and removing it
  // again would otherwise keep every later start out.
  it('takes over a dead holder\'s lock even past a removal marker left by a starter that died too', () => {
    const dir = tempDir();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = JSON.stringify({ pid: deadPid, host: hostname(), since: '2026-12-01T00:00:00.000Z' });
    writeFileSync(join(dir, 'baton.lock'), stale);
    const marker = `baton.lock.reap-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    writeFileSync(join(dir, marker), JSON.stringify({ pid: deadPid, host: hostname() }));
    const release = acquireDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, 'baton.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(dir)).toEqual(['baton.lock']);
    release();
  });
});

// On a file system without hard links (FAT/exFAT, many SMB and FUSE mounts) link() fails with EPERM, ENOTSUP or EXDEV:
// the relay exited 1 with "Baton relay failed to start: Error: EPERM: operation not permitted, link …" and a stack.
describe('a data directory on a file system without hard links', () => {
  it.each(['EPERM', 'ENOTSUP', 'EXDEV'])('is refused with exit 78, naming DATA_DIR and what to do (link: %s)', (code) => {
    const dir = tempDir();
    const noHardLinks = (existing: string, target: string) => {
      throw Object.assign(new Error(`${code}: operation not permitted, link '${existing}' -> '${target}'`), { code });
    };
    const refused = (() => {
      try {
        acquireDirLock(dir, noHardLinks);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(operatorExitCode(refused)).toBe(78);
    expect((refused as Error).message).toContain(`DATA_DIR: the file system of ${dir} does not support hard links (link: ${code})`);
    expect((refused as Error).message).toContain('set DATABASE_URL');
    // Nothing left behind: neither a lock nor the file it was written to first.
    expect(readdirSync(dir)).toEqual([]);
  });
});
