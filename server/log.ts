import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactLogObject, REDACTED, scrubQuoted } from './log-redaction.js';

/**
 * The relay's logger. Every line passes through `redactLogObject` (customer fields and credentials
 * removed at any depth, errors reduced to diagnostic fields), so no level, however verbose, writes
 * message text, names, emails, metadata, payloads or SQL parameters. `destination` lets tests capture
 * the exact lines production would write.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'baton-relay' },
    // Belt and braces for the usual header spots; the formatter below covers every depth.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.secret', '*.apiKey'], censor: REDACTED },
    // The log formatter below has already reduced errors to plain objects; pino's own err serializer, which runs after
    // it, took them for non-errors and wrote "type":"Object" on every error line.
    serializers: { err: (value: unknown) => value },
    formatters: {
      log: (object) => redactLogObject(object) as Record<string, unknown>,
      bindings: (bindings) => redactLogObject(bindings) as Record<string, unknown>,
    },
    hooks: {
      // `log.error(err)` would make the raw error message the line's `msg`: use the scrubbed one.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first instanceof Error) return method.apply(this, [{ err: first }, ...(rest.length > 0 ? rest : [scrubQuoted(first.message)])] as never);
        const err = first !== null && typeof first === 'object' ? (first as { err?: unknown }).err : undefined;
        if (err instanceof Error && rest.length === 0) return method.apply(this, [first, scrubQuoted(err.message)] as never);
        return method.apply(this, args);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
