import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { TEST_MASTER_KEY } from './harness.js';
import { startBlackHole } from './tcp-proxy.js';

const STARTS_TIMEOUT_MS = 120_000;
const STACK_FRAME = /\n\s+at /;

/**
 * A start that cannot succeed used to print "Baton relay failed to start: Error: listen EADDRINUSE…" or pg-pool's
 * "connect ECONNREFUSED" with a stack through node_modules, exit 1, and (port taken) leave the data-dir lock behind.
 * Now: one message naming the setting to change, exit 78 (configuration) or 69 (a database that may come back).
 */
describe('a relay that cannot start says which setting to change (child processes)', () => {
  const children: ChildRelay[] = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const failedStart = async (env: Record<string, string>) => {
    const child = spawnRelay({ MASTER_KEY: TEST_MASTER_KEY, ...env });
    children.push(child);
    // A relay that listens has not refused anything: fail at once instead of waiting for an exit.
    const outcome = await Promise.race([child.exited, child.url.then(() => 'listening')]);
    return { code: outcome, output: child.output() };
  };

  it('PORT in use: exit 78, names PORT, and releases the data directory', async () => {
    const holder = spawnRelay({ DATA_DIR: tempDir(), MASTER_KEY: TEST_MASTER_KEY });
    children.push(holder);
    const port = new URL(await holder.url).port;
    const dataDir = tempDir();
    const second = await failedStart({ DATA_DIR: dataDir, PORT: port });
    expect(second.output).toContain(`PORT: 127.0.0.1:${port} is already in use by another process`);
    expect(second.output).not.toMatch(STACK_FRAME);
    expect(second.code).toBe(78);
    expect(existsSync(join(dataDir, 'pglite', 'baton.lock'))).toBe(false);
  }, STARTS_TIMEOUT_MS);

  // A Unix socket path holds 107 bytes (Linux): a deeper DATA_DIR (a Kubernetes volume path) failed after the database
  // was open, with "listen EADDRINUSE" and a stack, exit 1, leaving the data-dir lock behind.
  it('DATA_DIR too deep for the admin socket: exit 78, names DATA_DIR, takes no lock', async () => {
    const dataDir = join(tempDir(), 'd'.repeat(120 - tmpdir().length));
    const r = await failedStart({ DATA_DIR: dataDir });
    expect(r.output).toContain(`DATA_DIR: the CLI's socket ${join(dataDir, 'run', 'admin.sock')} would be`);
    expect(r.output).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(78);
    expect(existsSync(join(dataDir, 'pglite', 'baton.lock'))).toBe(false);
  }, STARTS_TIMEOUT_MS);

  // "p@ss#w0rd" unencoded: the URL split at the '#', the start failed with 69 ("check that the server is up"), and the
  // message printed the password's end as the URL's fragment.
  it('DATABASE_URL with a password that splits the URL: exit 78, names DATABASE_URL, prints no part of the password', async () => {
    const r = await failedStart({ DATABASE_URL: 'postgres://postgres:p@ss#Zq7Secret@127.0.0.1:5432/test' });
    expect(r.output).toContain('DATABASE_URL: does not read as a PostgreSQL URL: percent-encode @ # ? /');
    expect(r.output).not.toContain('Zq7Secret');
    expect(r.output).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(78);
  }, STARTS_TIMEOUT_MS);

  // The pool had no connect timeout: a host that drops packets held the start (and later every query) for ever, silently.
  it('DATABASE_URL on a host that never answers: exit 69 after DATABASE_CONNECT_TIMEOUT_MS, naming DATABASE_URL', async () => {
    const hole = await startBlackHole();
    try {
      const r = await failedStart({ DATABASE_URL: hole.url, DATABASE_CONNECT_TIMEOUT_MS: '300' });
      expect(hole.accepted).toBeGreaterThanOrEqual(1);
      expect(r.output).toContain(`Cannot open the PostgreSQL database at DATABASE_URL (${hole.url})`);
      expect(r.output).toMatch(/timeout/i);
      expect(r.output).not.toMatch(STACK_FRAME);
      expect(r.code).toBe(69);
    } finally {
      await hole.close();
    }
  }, STARTS_TIMEOUT_MS);

  it('DATABASE_URL unreachable: exit 69, names DATABASE_URL without its password', async () => {
    const r = await failedStart({ DATABASE_URL: 'postgres://baton:hunter2@127.0.0.1:1/baton' });
    expect(r.output).toContain('Cannot open the PostgreSQL database at DATABASE_URL (postgres://baton:***@127.0.0.1:1/baton)');
    expect(r.output).not.toContain('hunter2');
    expect(r.output).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(69);
  }, STARTS_TIMEOUT_MS);

  it('DATA_DIR that is a file: exit 78, names DATA_DIR', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, '');
    const r = await failedStart({ DATA_DIR: file });
    expect(r.output).toContain(`DATA_DIR: ${file} exists and is not a directory`);
    expect(r.output).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(78);
  }, STARTS_TIMEOUT_MS);

  /**
   * A read-only DATA_DIR (a volume mounted ro, a directory this user may not write) exited 1 with "Baton relay failed to
   * start: Error: EROFS: read-only file system, open '…/master.key'" and a stack, or, for a DATA_DIR not created yet
   * under such a mount, Node's misleading "ENOENT … mkdir". Now it reads like the other DATA_DIR refusals. As root this
   * is a real read-only tmpfs mount (chmod denies root nothing); as another user, a real 0500 directory.
   */
  const readOnlyDir = () => {
    const dir = tempDir();
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      return { dir, reason: 'cannot be written by this user', release: () => chmodSync(dir, 0o700) };
    }
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,mode=700', 'tmpfs', dir]);
    if (mounted.status !== 0) throw new Error(`mount a read-only tmpfs on ${dir}: ${mounted.stderr}`);
    return { dir, reason: 'is on a read-only file system', release: () => void spawnSync('umount', [dir]) };
  };

  // Root without the right to mount (a container without CAP_SYS_ADMIN) has no real read-only directory to offer.
  const canMountReadOnly = (() => {
    if (process.getuid?.() !== 0) return true;
    const probe = mkdtempSync(join(tmpdir(), 'baton-mount-probe-'));
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    rmSync(probe, { recursive: true, force: true });
    return ok;
  })();

  it.skipIf(!canMountReadOnly).each([
    ['the directory itself', ''],
    ['a directory to create under it', 'relay/data'],
  ])('DATA_DIR on a read-only file system (%s): exit 78, names DATA_DIR and what to do', async (_, below) => {
    const ro = readOnlyDir();
    try {
      const dataDir = below ? join(ro.dir, below) : ro.dir;
      const r = await failedStart({ DATA_DIR: dataDir, MASTER_KEY: '' });
      expect(r.output).toContain(`DATA_DIR: ${ro.dir} ${ro.reason}`);
      expect(r.output).toContain('Choose another DATA_DIR');
      expect(r.output).not.toMatch(STACK_FRAME);
      expect(r.code).toBe(78);
    } finally {
      ro.release();
    }
  }, STARTS_TIMEOUT_MS);
});
