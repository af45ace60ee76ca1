import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import { BatonError } from '../core/errors.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../db/data-dir.js';
import { runCommand, type CliContext } from './commands.js';

/**
 * PGlite allows one process per data directory, so while the relay runs, the CLI cannot open the
 * database itself. The relay listens on DATA_DIR/run/admin.sock and runs the CLI's commands
 * in-process. Whoever connects can run every admin command, so the socket must be the relay owner's
 * alone: it sits in an owner-only (0700) directory and is itself 0600, whatever the umask. Node cannot
 * read the peer's uid (no SO_PEERCRED), so these modes are the guard: connecting to a Unix socket
 * needs write permission on it and search permission on every directory above it.
 */
export const adminSocketDir = (dataDir: string) => join(dataDir, 'run');
export const adminSocketPath = (dataDir: string) => join(adminSocketDir(dataDir), 'admin.sock');

/** sun_path holds 108 bytes on Linux (104 on macOS), the terminating NUL included. */
const MAX_SOCKET_PATH_BYTES = process.platform === 'darwin' ? 103 : 107;

/**
 * Refuses, before anything is opened, a DATA_DIR whose admin socket path the kernel cannot hold. A longer one (a
 * Kubernetes volume path) failed only after the database was open, with a stack saying "listen EADDRINUSE", exit 1,
 * and the data-dir lock left behind.
 */
export function checkAdminSocketPath(dataDir: string): void {
  const path = adminSocketPath(dataDir);
  const bytes = Buffer.byteLength(path);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return;
  throw new ConfigError(
    `Invalid configuration:\n  DATA_DIR: the CLI's socket ${path} would be ${bytes} bytes long, over the ${MAX_SOCKET_PATH_BYTES} a Unix ` +
      'socket path may have; choose a shorter DATA_DIR (a relative one counts from the directory the relay starts in).',
  );
}

/**
 * `afterCommand` runs after each command: the relay drops its cached API-key rows there, so a key revoked (or an
 * agent deleted) from the CLI is refused at once by this relay, as from the app's AI agents page.
 */
export function serveAdminSocket(dataDir: string, ctx: Omit<CliContext, 'print'>, afterCommand: () => void = () => {}): Promise<Server> {
  const dir = adminSocketDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir leaves an existing directory's mode alone: an older or tampered one is made private here.
  chmodSync(dir, PRIVATE_DIR_MODE);
  const path = adminSocketPath(dataDir);
  // We hold the data-dir lock, so a socket file left here belongs to a crashed predecessor.
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      input += chunk;
      if (!input.includes('\n')) return;
      const lines: string[] = [];
      void (async () => {
        let code = 1;
        try {
          const argv = JSON.parse(input.slice(0, input.indexOf('\n'))) as unknown;
          if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error('expected a JSON array of strings');
          code = await runCommand({ ...ctx, print: (l) => lines.push(l) }, argv);
        } catch (error) {
          lines.push(error instanceof BatonError ? `Error (${error.code}): ${error.message}` : `Error: ${(error as Error).message}`);
        } finally {
          afterCommand();
        }
        socket.end(JSON.stringify({ code, output: lines.join('\n') }));
      })();
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      // listen() creates the socket with 0777 minus the umask; the directory already shuts others out,
      // and this makes the socket itself owner-only too.
      chmodSync(path, PRIVATE_FILE_MODE);
      resolve(server);
    });
  });
}

export function sendToAdminSocket(dataDir: string, argv: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(adminSocketPath(dataDir));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(argv)}\n`));
    socket.on('data', (c) => (reply += c));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(reply) as { code: number; output: string });
      } catch (error) {
        reject(error);
      }
    });
    socket.on('error', reject);
  });
}
