import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('keeps the prefix, a time part and 20 hex characters of randomness', () => {
    expect(newId('ses')).toMatch(/^ses_[0-9a-z]{9}[0-9a-f]{20}$/);
  });

  it('never repeats across many pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i += 1) ids.add(newId('msg'));
    expect(ids.size).toBe(5_000);
  });
});
