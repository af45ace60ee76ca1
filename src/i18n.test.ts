import { describe, expect, it } from 'vitest';
import { TRANSITION_CAUSES } from '../server/core/transition-causes.js';
import { STRINGS, stringsFor } from './i18n.js';

/** Every key of a string table, nested ones as `a.b`. */
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('the sidebar strings', () => {
  it('exist in all six UI languages, none empty', () => {
    expect(Object.keys(STRINGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const english = keys(STRINGS.en).sort();
    for (const [locale, table] of Object.entries(STRINGS)) {
      expect(keys(table).sort(), locale).toEqual(english);
      for (const key of english) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], table);
        expect(typeof value === 'string' && value.trim().length > 0, `${locale}.${key}`).toBe(true);
      }
    }
  });
});

describe('the timeline\'s causes', () => {
  it('name every cause the relay writes, and only those (each locale is held to the same keys above)', () => {
    expect(Object.keys(STRINGS.en.causes).sort()).toEqual([...TRANSITION_CAUSES].sort());
  });
});

describe('loading the agent\'s language only', () => {
  it('gives the same strings as the full table, with the same fallback rule', async () => {
    const { loadStrings } = await import('./load-strings.js');
    for (const locale of ['en', 'de-AT', 'fr', 'es', 'pt', 'ja-JP', 'ko', undefined]) expect(await loadStrings(locale), String(locale)).toBe(stringsFor(locale));
  });
});
