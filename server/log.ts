import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'baton-relay' }, redact: ['req.headers.authorization', '*.secret', '*.apiKey'] });
}
