import { describe, expect, it } from 'vitest';
import { loadWaitingStrings, WAITING_LOADERS } from './waiting-i18n.js';

describe('the waiting settings strings', () => {
  it('exist in all six UI languages with the same keys and placeholders, none empty', async () => {
    expect(Object.keys(WAITING_LOADERS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const english = (await WAITING_LOADERS.en()).default;
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [locale, load] of Object.entries(WAITING_LOADERS)) {
      const table = (await load()).default;
      expect(Object.keys(table).sort(), locale).toEqual(Object.keys(english).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim().length > 0, `${locale}.${key}`).toBe(true);
        expect(placeholders(value), `${locale}.${key}`).toEqual(placeholders(english[key as keyof typeof english]));
      }
    }
  });

  it("picks the admin's language", async () => {
    expect((await loadWaitingStrings('de-CH')).title).toBe('Während der Kunde wartet');
    expect((await loadWaitingStrings('ko')).title).toBe('While the customer waits');
  });
});
