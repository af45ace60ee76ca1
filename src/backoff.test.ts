import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';

describe('retry back-off', () => {
  it('starts at 2 s, doubles, and stays at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
