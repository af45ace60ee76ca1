import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';

describe('picking the strings of a locale', () => {
  const table = { en: 'en', de: 'de', 'pt-BR': 'pt-BR', ja: 'ja' };
  it('takes the exact tag, then the language, Portuguese as pt-BR, else English', () => {
    expect(['de', 'de-AT', 'pt-BR', 'pt-PT', 'pt', 'ja-JP', 'fr', undefined].map((l) => pickLocale(table, l))).toEqual(['de', 'de', 'pt-BR', 'pt-BR', 'pt-BR', 'ja', 'en', 'en']);
  });
});
