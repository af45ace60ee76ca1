import { existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { BatonError } from '../core/errors.js';
import { runCommand, type CliContext } from './commands.js';

/**
 * PGlite allows one process per data directory, so while the relay runs, the CLI cannot open the
 * database itself. The relay listens on DATA_DIR/admin.sock (a Unix socket: only users who can
 * write DATA_DIR reach it) and runs the CLI's commands in-process.
 */
export const adminSocketPath = (dataDir: string) => join(dataDir, 'admin.sock');

export function serveAdminSocket(dataDir: string, ctx: Omit<CliContext, 'print'>): Promise<Server> {
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
        }
        socket.end(JSON.stringify({ code, output: lines.join('\n') }));
      })();
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve(server));
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
