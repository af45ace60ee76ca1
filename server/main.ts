import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/dir-lock.js';
import { exitOnFatalError } from './fatal-errors.js';
import { createLogger } from './log.js';
import { startRelay } from './runtime.js';
import { operatorExitCode } from './startup-errors.js';

/** The relay takes no arguments (its configuration is the environment): what `npm start -- --help` prints. */
const USAGE =
  'Usage: npm start   (the Baton relay; configured by environment variables, none required)\n' +
  '  PORT, HOST, DATA_DIR, DATABASE_URL, MASTER_KEY, LOG_LEVEL, … : see README.md, "Configuration".\n' +
  '  Admin commands: npm run baton -- --help\n';

/**
 * `npm start -- --help` started a relay (creating DATA_DIR, a master key and a database where the operator stood) and
 * a mistyped `npm start -- --port 9000` started one on the default port: arguments were ignored. Now they are answered.
 */
function answerArguments(argv: readonly string[]): number | undefined {
  if (argv.length === 0) return undefined;
  if (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]!)) {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(`Unexpected argument "${argv[0]}": the relay is configured by environment variables (PORT=9000 npm start).\n${USAGE}`);
  return 64; // EX_USAGE, as the CLI
}

/** `npm start`: the relay on the embedded database unless DATABASE_URL is set. */
async function main() {
  const answered = answerArguments(process.argv.slice(2));
  if (answered !== undefined) process.exit(answered);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  exitOnFatalError(log);
  // Listened for from the first moment: a SIGTERM during start-up (a deploy rolled back, a pod evicted while migrating)
  // used to end the process on Node's default, mid-start, with exit 143 and the data-dir lock left behind. Now the start
  // completes and the relay stops as it would once running; a second signal still ends it at once (handlers are once).
  let stopRequested: string | undefined;
  let shutdown: ((signal: string) => Promise<void>) | undefined;
  const onSignal = (signal: string) => {
    if (shutdown) return void shutdown(signal);
    stopRequested = signal;
    log.info({ signal }, 'stop requested while starting; stopping once started');
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  const relay = await startRelay(config, { log });
  shutdown = async (signal: string) => {
    relay.log.info({ signal }, 'shutting down');
    await relay.stop();
    process.exit(0);
  };
  if (stopRequested) return shutdown(stopRequested);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pglite`;
  // The line tests, benches and supervisors wait for: "listening on <url>" is the JSON log line's own msg.
  relay.log.info({ url: relay.url, database: relay.db.kind }, `listening on ${relay.url}`);
  // The banner is for a human at a terminal. Anywhere else stdout is the log, read by a shipper that expects one JSON
  // object per line: the banner's lines of prose there became malformed events between the JSON ones.
  if (process.stdout.isTTY) {
    process.stdout.write(
      `\nBaton relay listening on ${relay.url}  (database: ${where})\n` +
        `  API docs:        ${relay.url}/docs   (OpenAPI: ${relay.url}/openapi.json)\n` +
        `  First tenant:    npm run baton -- tenant:create --name "Acme"\n` +
        `  Then:            npm run baton -- agent:create --tenant <ten_…> --name "Support bot" --callback-url https://…\n` +
        `                   npm run baton -- key:create --agent <agt_…>\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  const code = error instanceof DataDirLockedError ? 78 : operatorExitCode(error);
  if (code !== undefined) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(code);
  }
  process.stderr.write(`Baton relay failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
