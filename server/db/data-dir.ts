import { accessSync, chmodSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.js';

/** Owner-only: nothing under DATA_DIR (database, WAL with customer text, master key, admin socket) is for others. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const GROUP_OTHER_BITS = 0o077;
const GROUP_OTHER_WRITE_BITS = 0o022;

/**
 * Makes new files owner-only for the rest of the process. Worker threads cannot change the umask
 * (Node throws there); the 0700 data directory is the guard that does not depend on it.
 */
export function restrictUmask(): void {
  try {
    process.umask(GROUP_OTHER_BITS);
  } catch {
    // Not the main thread (a test worker): DATA_DIR's own mode still keeps others out.
  }
}

/**
 * Creates DATA_DIR owner-only, refuses one that others may write (they could swap the database or
 * plant a socket), and tightens whatever an older version or a loose umask left readable. PGlite
 * chmods its files to 0666 whatever the umask, so the directory's 0700 is what keeps others out while
 * the relay runs; `tightenTree` at start and stop leaves nothing readable at rest.
 */
export function prepareDataDir(dir: string): void {
  let st;
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    st = statSync(dir);
  } catch (error) {
    const blocked = blockingAncestor(error, dir);
    throw blocked ? unusableDataDir(blocked.error, dir, blocked.at) : unusableDataDir(error, dir);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new ConfigError(
      `Invalid configuration:\n  DATA_DIR: ${dir} belongs to uid ${st.uid}, not to the relay's user (uid ${uid}); ` +
        'run the relay as its owner or choose another directory.',
    );
  }
  if ((st.mode & GROUP_OTHER_WRITE_BITS) !== 0) {
    throw new ConfigError(
      `Invalid configuration:\n  DATA_DIR: ${dir} is writable by group or others (mode ${formatMode(st.mode)}); ` +
        `anyone on this host could replace the database. Run "chmod 700 ${dir}" or choose another directory.`,
    );
  }
  assertWritable(dir);
  tightenTree(dir);
}

/**
 * A read-only DATA_DIR (a volume mounted ro, a directory the relay's user may not write) passed the checks above and
 * failed later on the master key or the lock file, exit 1 with a raw EROFS and a stack. access() answers EROFS for a
 * read-only mount even to root, EACCES to a user without write permission; the embedded database's own directory is
 * probed too, since a relay run as another user than the one that created it cannot write there either.
 */
function assertWritable(dir: string): void {
  for (const path of [dir, join(dir, 'pglite')]) {
    if (path !== dir && !existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw unusableDataDir(error, dir, path);
    }
  }
}

/**
 * Node's recursive mkdir reports ENOENT, not the reason, when a missing part of the path cannot be created (under a
 * read-only mount): the nearest existing ancestor's own access error says why, and names the directory to fix.
 */
function blockingAncestor(error: unknown, dir: string): { error: unknown; at: string } | undefined {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  let at = dirname(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (cause) {
    return { error: cause, at };
  }
}

/** chmod -R go-rwx without following symlinks: directories 0700 or less, files 0600 or less. */
export function tightenTree(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // Removed meanwhile (a WAL segment recycled): nothing to tighten.
  }
  if (st.isSymbolicLink()) return;
  if ((st.mode & GROUP_OTHER_BITS) !== 0) chmodSync(path, st.mode & 0o700);
  if (!st.isDirectory()) return;
  for (const name of readdirSync(path)) tightenTree(join(path, name));
}

function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/**
 * An errno in the operator's words (a stack through mkdirSync says nothing about what to change); `at` is the
 * directory the errno is about (an ancestor when one stopped mkdir).
 */
function unusableDataDir(error: unknown, dir: string, at = dir): unknown {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reasons: Record<string, string> = {
    EEXIST: `${at} exists and is not a directory`,
    ENOTDIR: `a part of ${at} is a file, not a directory`,
    EACCES: `${at} cannot be written by this user`,
    EPERM: `${at} cannot be written by this user`,
    EROFS: `${at} is on a read-only file system`,
  };
  const reason = reasons[code];
  if (!reason) return error;
  const fix = code === 'EROFS' ? 'mount it read-write' : `give the relay's user write access ("chown" it or run the relay as its owner)`;
  return new ConfigError(
    `Invalid configuration:\n  DATA_DIR: ${reason}${at === dir ? '' : ` (so ${dir} cannot be created there)`}; ` +
      `the relay writes its database, master key and lock there. Choose another DATA_DIR, ${fix}, or set DATABASE_URL.`,
  );
}
