import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
    throw unusableDataDir(error, dir);
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
  tightenTree(dir);
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

/** mkdir's errno in the operator's words (a stack through mkdirSync says nothing about what to change). */
function unusableDataDir(error: unknown, dir: string): unknown {
  const reasons: Record<string, string> = {
    EEXIST: `${dir} exists and is not a directory`,
    ENOTDIR: `a part of ${dir} is a file, not a directory`,
    EACCES: `${dir} cannot be created or read by this user`,
    EPERM: `${dir} cannot be created or read by this user`,
    EROFS: `${dir} is on a read-only file system`,
  };
  const reason = reasons[(error as NodeJS.ErrnoException).code ?? ''];
  return reason ? new ConfigError(`Invalid configuration:\n  DATA_DIR: ${reason}; choose another DATA_DIR or fix the path.`) : error;
}
