import { describe, expect, it } from 'vitest';
import { withEarlier, withWindow } from './transcript-window.js';

const ids = (...xs: string[]) => xs.map((id) => ({ id, v: 1 }));
const names = (xs: Array<{ id: string }>) => xs.map((m) => m.id).join(' ');

describe('the held part of a long conversation', () => {
  it('lays each new window over the end of what is held, keeping the earlier pages the agent opened', () => {
    const held = withEarlier(ids('a', 'b'), ids('c', 'd', 'e'));
    expect(names(held)).toBe('a b c d e');
    // Two new messages: the window moved on by two; a, b, c stay before it.
    expect(names(withWindow(held, ids('d', 'e', 'f', 'g')))).toBe('a b c d e f g');
    // The window's copy wins (a delivery state changed).
    expect(withWindow(held, [{ id: 'd', v: 2 }])[3]).toEqual({ id: 'd', v: 2 });
  });

  it('starts over from the window when it cannot be joined without a gap', () => {
    expect(names(withWindow(ids('a', 'b', 'c'), ids('x', 'y')))).toBe('x y');
    expect(names(withWindow([], ids('x')))).toBe('x');
    expect(withWindow(ids('a'), [])).toEqual([]);
  });

  it('never shows a message twice when a page overlaps what is held', () => {
    expect(names(withEarlier(ids('a', 'b', 'c'), ids('c', 'd')))).toBe('a b c d');
  });
});
