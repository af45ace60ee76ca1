import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/dir-lock.js';
import { startRelay } from './runtime.js';
import { StartupError } from './startup-errors.js';

/** `npm start`: the relay on the embedded database unless DATABASE_URL is set. */
async function main() {
  const config = loadConfig();
  const relay = await startRelay(config);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pglite`;
  relay.log.info({ url: relay.url, database: relay.db.kind }, 'relay listening');
  process.stdout.write(
    `\nBaton relay listening on ${relay.url}  (database: ${where})\n` +
      `  API docs:        ${relay.url}/docs   (OpenAPI: ${relay.url}/openapi.json)\n` +
      `  First tenant:    npm run baton -- tenant:create --name "Acme"\n` +
      `  Then:            npm run baton -- agent:create --tenant <ten_…> --name "Support bot" --callback-url https://…\n` +
      `                   npm run baton -- key:create --agent <agt_…>\n\n`,
  );
  const shutdown = async (signal: string) => {
    relay.log.info({ signal }, 'shutting down');
    await relay.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  if (error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`Baton relay failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
