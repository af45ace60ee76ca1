import type { Logger } from 'pino';

// The socket could not be opened or was cut: the server is down, restarting or out of reach.
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// SQLSTATE class 08 (connection exception); 57P01–57P03: the server is shutting down, crashed or starting up.
const UNREACHABLE_SQLSTATES = /^(08...|57P0[123])$/;
// node-postgres reports a connection that ended mid-handshake or mid-query, a connect timeout, or a statement left
// unanswered past DATABASE_QUERY_TIMEOUT_MS (a host dropping packets under an open connection), without a code.
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Query read timeout/i;

/** Is this the database being out of reach (worth waiting out) rather than a statement that went wrong? */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_ERRNOS.has(code) || UNREACHABLE_SQLSTATES.test(code))) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

export interface DatabaseReachability {
  /**
   * True when `error` means the database is out of reach. The first such error of an outage is logged as one
   * warning, without a stack (it is not a bug; the stack names only the driver), and the rest of the outage is
   * silent: every loop of the relay meets it several times a second. False for any other error: the caller logs it.
   */
  failed(error: unknown, noticedBy: string): boolean;
  /** A statement went through: if the database was out of reach, one line says it is back. */
  reached(): void;
  readonly unreachable: boolean;
}

/** One per process, shared by the outbox worker and the periodic jobs, so an outage is one line, not one per loop. */
export function createDatabaseReachability(log: Logger): DatabaseReachability {
  let downSince: number | undefined;
  return {
    failed(error, noticedBy) {
      if (!isDatabaseUnreachable(error)) return false;
      if (downSince === undefined) {
        downSince = Date.now();
        const { code, message } = error as { code?: string; message?: string };
        log.warn(
          { err: message, code, noticedBy },
          'database unreachable; work waits and is retried (the outbox polls less often) until it is back',
        );
      }
      return true;
    },
    reached() {
      if (downSince === undefined) return;
      log.info({ unreachableMs: Date.now() - downSince }, 'database reachable again');
      downSince = undefined;
    },
    get unreachable() {
      return downSince !== undefined;
    },
  };
}
