import { describe, expect, it } from 'vitest';
import { createCapturedLog } from '../test/log-capture.js';
import { createDatabaseReachability, isDatabaseUnreachable } from './reachability.js';

const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('database reachability', () => {
  it('tells an unreachable database from a statement that failed', () => {
    for (const e of [errno('ECONNREFUSED'), errno('ECONNRESET'), errno('ETIMEDOUT'), errno('57P01'), errno('57P03'), errno('08006'), new Error('Connection terminated unexpectedly'), new Error('Query read timeout')]) {
      expect(isDatabaseUnreachable(e), e.message).toBe(true);
    }
    for (const e of [errno('23505'), errno('42P01'), new Error('boom'), 'ECONNREFUSED', undefined]) {
      expect(isDatabaseUnreachable(e), String(e)).toBe(false);
    }
  });

  it('logs an outage once, as a warning without a stack, and its end once', () => {
    const { log, lines } = createCapturedLog();
    const reachability = createDatabaseReachability(log);
    reachability.reached();
    for (let i = 0; i < 20; i++) expect(reachability.failed(errno('ECONNREFUSED'), i % 2 ? 'outbox' : 'purge')).toBe(true);
    expect(reachability.unreachable).toBe(true);
    expect(reachability.failed(errno('42P01'), 'outbox')).toBe(false);
    reachability.reached();
    reachability.reached();
    expect(reachability.unreachable).toBe(false);
    expect(lines().map((l) => [l.level, l.msg, l.noticedBy])).toEqual([
      [40, expect.stringMatching(/^database unreachable/), 'purge'],
      [30, 'database reachable again', undefined],
    ]);
    expect(JSON.stringify(lines())).not.toMatch(/stack/);
  });
});
