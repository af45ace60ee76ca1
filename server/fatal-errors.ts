import type { Logger } from 'pino';
import { scrubQuoted } from './log-redaction.js';

/**
 * An unhandled rejection or uncaught exception leaves the relay in a state nobody reasoned about (a half-applied batch,
 * a loop that stopped): it must exit. Node's own crash output is a raw stack on stderr, which log shippers split into
 * one event per line and which prints the error's message unredacted (a token quoted in it, say). So the crash is one
 * log line at level fatal through the relay's logger, redacted like every line, and the process exits 1 as Node would.
 *
 * Only `uncaughtException` is handled: under Node's default `--unhandled-rejections=throw`, a rejection nobody handles
 * arrives here (origin `unhandledRejection`), and another mode chosen by the operator keeps its own behaviour.
 */
export function exitOnFatalError(log: Logger): void {
  process.on('uncaughtException', (error: unknown, origin: NodeJS.UncaughtExceptionOrigin) => {
    // A thrown string or object would be logged as is, its content unscrubbed: only an Error's fields are safe.
    const err = error instanceof Error ? error : new Error(`a non-Error value (${typeof error}) was thrown`);
    const what = origin === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception';
    try {
      // The default pino destination writes synchronously, so the line is out before the exit below.
      log.fatal({ err, origin }, `${what}, exiting: ${err.name}: ${scrubQuoted(err.message)}`);
    } finally {
      process.exit(1);
    }
  });
}
