import { describe, expect, it } from 'vitest';
import { recentAnswers } from './recent-answers.js';

function counted(rows: Map<string, string>) {
  const reads: string[] = [];
  return { reads, lookup: async (key: string) => (reads.push(key), rows.get(key)) };
}

describe('recentAnswers', () => {
  it('answers from what it read until the time is up, then reads again', async () => {
    let clock = 0;
    const rows = new Map([['t1', 'v1']]);
    const { reads, lookup } = counted(rows);
    const cache = recentAnswers(lookup, { ttlMs: 5_000, max: 10, now: () => clock });
    expect(await cache.get('t1')).toEqual({ value: 'v1', fresh: true });
    rows.set('t1', 'v2');
    clock = 3_999; // before the background re-read's point (REFRESH_AHEAD_AT)
    expect(await cache.get('t1')).toEqual({ value: 'v1', fresh: false });
    clock = 5_000;
    expect(await cache.get('t1')).toEqual({ value: 'v2', fresh: true });
    expect(reads).toEqual(['t1', 't1']);
  });

  it('refresh always reads and keeps the new answer; concurrent reads of one key share one lookup', async () => {
    const rows = new Map([['t1', 'v1']]);
    const { reads, lookup } = counted(rows);
    const cache = recentAnswers(lookup, { ttlMs: 60_000, max: 10 });
    const [a, b] = await Promise.all([cache.get('t1'), cache.get('t1')]);
    expect([a.value, b.value, reads.length]).toEqual(['v1', 'v1', 1]);
    rows.set('t1', 'v2');
    expect(await cache.refresh('t1')).toBe('v2');
    expect((await cache.get('t1')).value).toBe('v2');
    expect(reads.length).toBe(2);
  });

  it('never keeps a missing row, and forgets a row that went missing', async () => {
    const rows = new Map<string, string>();
    const { reads, lookup } = counted(rows);
    const cache = recentAnswers(lookup, { ttlMs: 60_000, max: 10 });
    expect(await cache.get('t1')).toEqual({ value: undefined, fresh: true });
    rows.set('t1', 'v1');
    expect((await cache.get('t1')).value).toBe('v1');
    rows.delete('t1');
    expect(await cache.refresh('t1')).toBeUndefined();
    expect(await cache.get('t1')).toEqual({ value: undefined, fresh: true });
    expect(reads.length).toBe(4);
  });

  it('keeps at most max answers, dropping the oldest', async () => {
    const rows = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
    const { reads, lookup } = counted(rows);
    const cache = recentAnswers(lookup, { ttlMs: 60_000, max: 2 });
    for (const k of ['a', 'b', 'c']) await cache.get(k);
    expect((await cache.get('c')).fresh).toBe(false);
    expect((await cache.get('b')).fresh).toBe(false);
    expect((await cache.get('a')).fresh).toBe(true);
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('an older read that finishes last does not replace what a refresh kept', async () => {
    const answers: Array<(v: string) => void> = [];
    const cache = recentAnswers((_: string) => new Promise<string>((resolve) => answers.push(resolve)), { ttlMs: 60_000, max: 10 });
    const old = cache.get('t1');
    const refreshed = cache.refresh('t1');
    answers[1]!('new');
    expect(await refreshed).toBe('new');
    answers[0]!('old');
    expect((await old).value).toBe('old');
    expect(await cache.get('t1')).toEqual({ value: 'new', fresh: false });
  });

  it('reads an answer again in the background near the end of its time, and nobody waits for that read', async () => {
    let clock = 0;
    const rows = new Map([['k', 'v1']]);
    const answers: Array<() => void> = [];
    const reads: string[] = [];
    // Every read after the first waits until the test lets it finish.
    const cache = recentAnswers(
      (key: string) => {
        reads.push(key);
        const value = rows.get(key);
        return reads.length === 1 ? Promise.resolve(value) : new Promise<string | undefined>((resolve) => answers.push(() => resolve(value)));
      },
      { ttlMs: 10_000, max: 10, now: () => clock },
    );
    await cache.get('k');
    rows.set('k', 'v2');
    clock = 7_999;
    expect(await cache.get('k')).toEqual({ value: 'v1', fresh: false });
    expect(reads.length).toBe(1);
    clock = 8_000;
    // Answered from the kept row while the new read is still running; a second get joins no second read.
    expect(await cache.get('k')).toEqual({ value: 'v1', fresh: false });
    expect(await cache.get('k')).toEqual({ value: 'v1', fresh: false });
    expect(reads.length).toBe(2);
    answers[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    clock = 12_000;
    // The background read kept v2 at 8 s: still within its own time at 12 s, so no read at all.
    expect(await cache.get('k')).toEqual({ value: 'v2', fresh: false });
    expect(reads.length).toBe(2);
  });

  it('a failed background read leaves the kept answer until its time is up, then the get reports the failure', async () => {
    let clock = 0;
    let fail = false;
    const cache = recentAnswers(async (_: string) => {
      if (fail) throw new Error('database down');
      return 'v1';
    }, { ttlMs: 10_000, max: 10, now: () => clock });
    await cache.get('k');
    fail = true;
    clock = 9_000;
    expect((await cache.get('k')).value).toBe('v1');
    await new Promise((resolve) => setImmediate(resolve));
    clock = 10_000;
    await expect(cache.get('k')).rejects.toThrow('database down');
  });

  it('forgetAll drops what it kept, and a read already in flight neither keeps its answer nor is joined', async () => {
    const rows = new Map([['k', 'before']]);
    const answers: Array<() => void> = [];
    const cache = recentAnswers((key: string) => {
      const value = rows.get(key);
      return new Promise<string | undefined>((resolve) => answers.push(() => resolve(value)));
    }, { ttlMs: 60_000, max: 10 });
    const early = cache.get('k');
    rows.set('k', 'after');
    cache.forgetAll();
    const late = cache.get('k');
    expect(answers.length).toBe(2);
    answers[0]!();
    answers[1]!();
    expect((await early).value).toBe('before');
    expect((await late).value).toBe('after');
    expect(await cache.get('k')).toEqual({ value: 'after', fresh: false });
  });
});
