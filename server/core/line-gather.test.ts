import { describe, expect, it } from 'vitest';
import { lineGatherDelayMs } from './line-gather.js';

describe('lineGatherDelayMs', () => {
  it('waits out the rest of the gather window of a fresh line', () => {
    expect(lineGatherDelayMs(1_000, 1_010, 25)).toBe(15);
    expect(lineGatherDelayMs(1_000, 1_000, 25)).toBe(25);
  });

  it('adds nothing to a line that already waited the window', () => {
    expect(lineGatherDelayMs(1_000, 1_025, 25)).toBe(0);
    expect(lineGatherDelayMs(1_000, 60_000, 25)).toBe(0);
  });

  it('never waits longer than the window, even with the clock behind the database', () => {
    expect(lineGatherDelayMs(5_000, 1_000, 25)).toBe(25);
  });

  it('is off at 0', () => {
    expect(lineGatherDelayMs(1_000, 1_000, 0)).toBe(0);
  });
});
