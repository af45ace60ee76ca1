import { describe, expect, it } from 'vitest';
import { createGroupCommit, inOrderPerKey } from './group-commit.js';

describe('group commit scheduling', () => {
  it('gathers what arrives during a commit into the next batch, never two batches on one key, each key in order', async () => {
    const batches: string[][] = [];
    const holding = new Set<string>();
    let inFlight = 0;
    let mostInFlight = 0;
    const releases: Array<() => void> = [];
    const committed: string[] = [];
    const groups = createGroupCommit<string>({
      keyOf: (item) => item.split(':')[0]!,
      maxBatch: 3,
      maxConcurrent: 2,
      commit: async (batch) => {
        // One batch may carry several items of a key (in order); two batches in flight never share one.
        for (const key of new Set(batch.map((item) => item.split(':')[0]!))) {
          expect(holding.has(key), `${key} held by two batches`).toBe(false);
          holding.add(key);
        }
        batches.push(batch);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight--;
        for (const item of batch) holding.delete(item.split(':')[0]!);
        committed.push(...batch);
      },
    });
    for (const item of ['a:1', 'a:2', 'b:1', 'c:1', 'a:3', 'd:1', 'e:1']) groups.push(item);
    // Commit whatever is waiting until everything has been committed.
    while (committed.length < 7) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    // The first batch is full; a:3 waits behind it (its key is held) while the second takes the keys not held.
    expect(batches[0]).toEqual(['a:1', 'a:2', 'b:1']);
    expect(batches[1]).toEqual(['c:1', 'd:1', 'e:1']);
    expect(mostInFlight).toBe(2);
    expect(committed.filter((item) => item.startsWith('a:'))).toEqual(['a:1', 'a:2', 'a:3']);
    expect(batches.flat().sort()).toEqual(['a:1', 'a:2', 'a:3', 'b:1', 'c:1', 'd:1', 'e:1']);
  });

  it('runs keys side by side and each key in order', async () => {
    const order: string[] = [];
    await inOrderPerKey(['a1', 'b1', 'a2', 'b2', 'a3'], (item) => item[0]!, async (item) => {
      // Earlier items take longer: without per-key order a later one would finish first.
      await new Promise((resolve) => setTimeout(resolve, 4 - Number(item[1])));
      order.push(item);
    });
    expect(order.filter((item) => item.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(order.filter((item) => item.startsWith('b'))).toEqual(['b1', 'b2']);
  });
});
