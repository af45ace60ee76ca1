import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.js';

/**
 * PGlite keeps no lock of its own: a second process opening the same data directory runs happily and
 * silently loses commits (reference/stack.md §7). So the relay holds `baton.lock` (holding pid and host, put in place
 * whole by link(), which fails if it exists) while the directory is open, and refuses to start when a live process
 * holds it.
 */
export class DataDirLockedError extends Error {}

const LOCK_FILE = 'baton.lock';

/**
 * Lock files this process holds. A lock naming our own pid that is not in here was left by an earlier process that had
 * the same pid: a container's relay is PID 1 (or another low, fixed pid) after every restart, on the same hostname, so
 * after a kill or out-of-memory exit the "live holder" was the starting relay itself, and it refused to start for good.
 */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * link()'s errors on a file system without hard links (FAT/exFAT, many SMB/CIFS and FUSE mounts): Linux answers EPERM,
 * others ENOTSUP/EOPNOTSUPP, ENOSYS or EXDEV. There is no safe fallback worth having there: such mounts also break the
 * guarantees PGlite's files rely on (rename, locking, one writer), so the relay refuses and says where to put DATA_DIR.
 */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** How the lock file is put in place; tests pass one that fails as a file system without hard links does. */
export type LinkFile = (existingPath: string, newPath: string) => void;

export function acquireDirLock(dir: string, link: LinkFile = linkSync): () => void {
  mkdirSync(dir, { recursive: true });
  // The real path: `held` must know one directory reached by two spellings (relative, a symlink) as one.
  const path = join(realpathSync(dir), LOCK_FILE);
  // Three tries: clear a dead starter's removal marker, remove a dead holder's lock, then link our own.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createWhole(path, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), link);
      held.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(path);
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const judged = readLock(path);
      const holder = judged === undefined ? undefined : parseHolder(judged);
      const sameHost = holder?.host === hostname();
      const ourOwnStale = sameHost && holder?.pid === process.pid && !held.has(path);
      if (holder && !ourOwnStale && (!sameHost || isAlive(holder.pid))) {
        // Another host's process cannot be probed: a relay rescheduled onto a new host (a Kubernetes pod gets a new
        // hostname) after its predecessor died would wait for ever, told to stop a relay that no longer exists.
        const elsewhere = sameHost
          ? ''
          : `This host cannot tell whether that process still runs: if ${holder.host} is gone, delete ${path} and start again. `;
        throw new DataDirLockedError(
          `The data directory ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ${elsewhere}` +
            'PGlite supports one process per directory: stop the other relay, use another DATA_DIR, ' +
            'or set DATABASE_URL to share a PostgreSQL server between processes.',
        );
      }
      // The holder crashed (SIGKILL leaves the file behind): take the lock over; the next link decides who wins.
      if (judged !== undefined) removeIfUnchanged(path, judged, link);
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}: another process is starting on it.`);
}

/**
 * Creates `path` with `content` already in it, or throws EEXIST. An O_EXCL create followed by a write left the lock
 * empty for a moment: a relay starting then read no holder, took the lock for a crashed one's, replaced it, and both
 * relays ran on one directory. The content goes to a file of this process's own first; link() then gives it the lock's
 * name atomically, failing if the name exists, so the lock is never seen without its content.
 */
function createWhole(path: string, content: string, link: LinkFile): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    link(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!NO_HARD_LINKS.has(code)) throw error;
    throw new ConfigError(
      `Invalid configuration:\n  DATA_DIR: the file system of ${dirname(path)} does not support hard links (link: ${code}), which the ` +
        'embedded database\'s lock needs so that two relays can never open it at once. Put DATA_DIR on a local file system ' +
        '(ext4, xfs, btrfs, APFS, tmpfs, a Docker volume), or set DATABASE_URL to use PostgreSQL instead.',
    );
  } finally {
    // The lock (if linked) keeps the content; a crash right here leaves a stray `.tmp`, never a lock.
    unlinkSync(temporary);
  }
}

/**
 * Removes the lock judged stale unless it changed since. Two starters that both judged it stale each removed "it": the
 * second removed the lock the first had just linked in its place, and both ran. One starter at a time may remove a given
 * stale lock (the marker, named after its content, is created by link: one winner), and only while it still holds that
 * content. A starter that finds the marker taken leaves the removal to its holder and tries again.
 */
function removeIfUnchanged(path: string, judged: string, link: LinkFile): void {
  const marker = `${path}.reap-${createHash('sha256').update(judged).digest('hex').slice(0, 16)}`;
  try {
    createWhole(marker, JSON.stringify({ pid: process.pid, host: hostname() }), link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A marker whose starter died in the instant between creating and removing it would block this lock for good.
    const reaper = parseHolder(readLock(marker) ?? '');
    if (reaper?.host === hostname() && !isAlive(reaper.pid)) unlinkQuietly(marker);
    return;
  }
  try {
    if (readLock(path) === judged) unlinkQuietly(path);
  } finally {
    unlinkQuietly(marker);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** The lock's content; undefined when it is gone (removed by its holder or a starter taking it over). */
function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(content: string): { pid: number; host: string; since: string } | undefined {
  try {
    const parsed = JSON.parse(content) as { pid?: unknown; host?: unknown; since?: unknown };
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? 'unknown') };
  } catch {
    // Unreadable (a lock written by an older relay that crashed between its create and its write): stale.
    return undefined;
  }
}
