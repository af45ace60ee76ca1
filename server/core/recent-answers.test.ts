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
    clock = 4_999;
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
});
