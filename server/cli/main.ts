import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { BatonError } from '../core/errors.js';
import { prepareDataDir, restrictUmask, tightenTree } from '../db/data-dir.js';
import { DataDirLockedError } from '../db/dir-lock.js';
import { openDatabase } from '../db/open.js';
import { findUnknownMigrations, schemaAheadWarning } from '../db/schema-ahead.js';
import { loadMasterKey } from '../master-key.js';
import { verifyMasterKey } from '../store/master-key-check.js';
import { runCommand } from './commands.js';
import { operatorExitCode } from '../startup-errors.js';
import { adminSocketPath, sendToAdminSocket } from './admin-socket.js';

const HELP_WORDS = ['--help', '-h', 'help'];

/** No arguments, `help`, or `<command> --help`: answered by runCommand before it touches the database. */
function asksForHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || HELP_WORDS.includes(argv[0]!) || argv.slice(1).some((a) => a === '--help' || a === '-h');
}

/** `npm run baton -- <command>`: opens the database directly, or asks the running relay to run the command. */
async function main(argv: string[]): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  // Help needs neither the configuration nor the database: `tenant:create --help` on a machine without the relay's
  // DATA_DIR (where an operator reads it first) was refused with exit 78, "holds no Baton database".
  if (asksForHelp(argv)) return runCommand({ db: undefined as never, masterKey: Buffer.alloc(0), publicBaseUrl: '', print }, argv);
  const config = loadConfig();
  restrictUmask();
  if (!config.databaseUrl) {
    // A CLI run with another DATA_DIR than the relay's (or none) made a new, empty database and master key there and
    // wrote tenants and keys into it, exit 0, that the relay never saw. The relay's first start creates the database.
    if (!existsSync(join(config.dataDir, 'pglite'))) {
      throw new ConfigError(
        `Invalid configuration:\n  DATA_DIR: ${resolve(config.dataDir)} holds no Baton database. Set DATA_DIR (or DATABASE_URL) as for ` +
          'the relay; a new embedded database is created by the relay\'s first start (npm start).',
      );
    }
    prepareDataDir(config.dataDir);
  }
  const { key: masterKey, description } = loadMasterKey(config);
  let db;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.databaseConnectTimeoutMs, queryTimeoutMs: config.databaseQueryTimeoutMs });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const reply = await sendToAdminSocket(config.dataDir, argv).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT' && e.code !== 'ECONNREFUSED') throw e;
      throw new Error(`${error.message}\nIts admin socket (${adminSocketPath(config.dataDir)}) is not up: the relay may still be starting; try again in a moment.`);
    });
    if (reply.output) print(reply.output);
    return reply.code;
  }
  try {
    // A command run with the wrong key would seal new secrets the relay cannot open.
    await verifyMasterKey(db, masterKey, description);
    // The relay's rollback warning, on stderr: a command run after a rollback said nothing, and stdout is the command's
    // own output, which scripts read.
    const unknownMigrations = await findUnknownMigrations(db);
    if (unknownMigrations.length > 0) process.stderr.write(`Warning: ${schemaAheadWarning(unknownMigrations)}.\n`);
    return await runCommand({ db, masterKey, publicBaseUrl: config.publicBaseUrl ?? `http://${config.host}:${config.port}`, zendeskOAuth: Boolean(config.zendeskOAuth), print }, argv);
  } finally {
    await db.close();
    if (!config.databaseUrl) tightenTree(config.dataDir);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = operatorExitCode(error);
    if (code !== undefined) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(code); // as the relay
    }
    if (error instanceof BatonError) process.stderr.write(`Error (${error.code}): ${error.message}\n`);
    else process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
