import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A real pino logger whose lines a test can read, to prove that hostile input logs no error. */
export function createCapturedLog(): { log: Logger; lines: () => { level: number; msg?: string; [k: string]: unknown }[]; errors: () => string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ level: 'info' }, stream);
  const lines = () => raw.map((l) => JSON.parse(l) as { level: number; msg?: string });
  // pino: 50 = error, 60 = fatal.
  const errors = () => lines().filter((l) => l.level >= 50).map((l) => JSON.stringify(l).slice(0, 500));
  return { log, lines, errors };
}
