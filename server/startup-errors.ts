import { ConfigError } from './config.js';

/**
 * A start that cannot succeed until the operator changes something: `main.ts` prints the message alone (no stack: it is
 * not a bug) and exits with `exitCode` (sysexits: 78 EX_CONFIG, 69 EX_UNAVAILABLE for a service that may come back).
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 69 | 78,
  ) {
    super(message);
  }
}

/**
 * The exit code of a failure the operator fixes (a bad setting, a database out of reach), printed as its message
 * alone; undefined for anything else, which is a bug and keeps its stack. The relay and the CLI exit alike.
 */
export function operatorExitCode(error: unknown): number | undefined {
  if (error instanceof StartupError) return error.exitCode;
  if (error instanceof ConfigError) return 78; // EX_CONFIG
  return undefined;
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** The operator's own words for why the HTTP port could not be opened; undefined for anything else. */
export function listenFailure(error: unknown, host: string, port: number): ConfigError | undefined {
  const where = `${host}:${port}`;
  const reasons: Record<string, string> = {
    EADDRINUSE: `PORT: ${where} is already in use by another process; stop it or choose another PORT (0 = any free port).`,
    EACCES: `PORT: ${where} needs privileges this user lacks (ports below 1024); choose a PORT of 1024 or more.`,
    EADDRNOTAVAIL: `HOST: ${host} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its interfaces.`,
    ENOTFOUND: `HOST: ${host} does not resolve to an address; use 127.0.0.1, 0.0.0.0 or one of its interfaces.`,
  };
  const reason = reasons[errnoOf(error) ?? ''];
  return reason ? new ConfigError(`Invalid configuration:\n  ${reason}`) : undefined;
}

/** DATABASE_URL without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

// SQLSTATEs that a retry will not fix: no such database, bad credentials or role.
const REFUSED_BY_CONFIGURATION = new Set(['3D000', '28P01', '28000']);

/** Why PostgreSQL could not be opened, naming DATABASE_URL; the driver's stack adds nothing an operator can act on. */
export function databaseFailure(error: unknown, databaseUrl: string): StartupError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = errnoOf(error) ?? '';
  const configuration = REFUSED_BY_CONFIGURATION.has(code);
  return new StartupError(
    `Cannot open the PostgreSQL database at DATABASE_URL (${redactDatabaseUrl(databaseUrl)}): ${reason}. ` +
      (configuration
        ? 'Fix the URL (user, password, database name) or create the database.'
        : 'Check that the server is up and reachable from here; the relay can be started again once it is.'),
    configuration ? 78 : 69,
  );
}
