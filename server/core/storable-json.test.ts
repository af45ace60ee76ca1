import { describe, expect, it } from 'vitest';
import { findUnstorable, hasUnstorableCharacters, MAX_JSON_DEPTH } from './storable-json.js';

describe('storable JSON (what PostgreSQL and JSON can hold)', () => {
  it('finds NUL and unpaired surrogates in strings and keys, naming the path', () => {
    expect(findUnstorable({ transcript: [{ text: 'ok' }, { text: 'a\u0000b' }] })).toMatchObject({ kind: 'invalid_characters', path: 'transcript.1.text' });
    expect(findUnstorable({ metadata: { 'k\u0000': 1 } })).toMatchObject({ kind: 'invalid_characters', path: 'metadata.k\\u0000' });
    expect(findUnstorable(['\ud800'])).toMatchObject({ kind: 'invalid_characters', path: '0' });
    expect(findUnstorable('x\udc00')).toMatchObject({ kind: 'invalid_characters', path: '' });
  });

  it('accepts paired surrogates, odd but valid unicode and huge numbers', () => {
    for (const s of ['😀', '\ufeff\u202e\u200b', '\uffff\ufffe', 'e\u0301', '\u0001\u001f', '𝕏'.repeat(50)]) expect(hasUnstorableCharacters(s), s).toBe(false);
    expect(findUnstorable({ n: 1e308, m: -0, big: Number.MAX_SAFE_INTEGER * 10, deep: [[['😀']]] })).toBeUndefined();
  });

  it('bounds depth without recursing, so 100,000 levels are refused rather than overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findUnstorable(deep)).toMatchObject({ kind: 'too_deep' });
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(findUnstorable(ok)).toBeUndefined();
    expect(findUnstorable({ wrap: ok })).toMatchObject({ kind: 'too_deep' });
  });

  it('bounds the keys of one object', () => {
    const wide = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i]));
    expect(findUnstorable({ metadata: wide })).toMatchObject({ kind: 'too_many_keys', path: 'metadata' });
    expect(findUnstorable(new Array(200_000).fill(0))).toBeUndefined();
  });
});
