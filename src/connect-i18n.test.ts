import { describe, expect, it } from 'vitest';
import { CONNECT_LOCALES, connectionTabLabel, loadConnectStrings } from './connect-i18n.js';

describe('Connect Baton and Connection strings', () => {
  it('exist in all six languages, every key filled, each language its own', async () => {
    expect(CONNECT_LOCALES.sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const en = await loadConnectStrings('en');
    for (const locale of CONNECT_LOCALES) {
      const t = await loadConnectStrings(locale);
      expect(Object.keys(t).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(t)) expect(value.trim(), `${locale}.${key}`).not.toBe('');
      if (locale !== 'en') expect(t.intro, locale).not.toBe(en.intro);
    }
    // Regional tags fall back to their language, Portuguese to Brazilian Portuguese, the rest to English.
    expect((await loadConnectStrings('de-AT')).title).toBe('Baton verbinden');
    expect((await loadConnectStrings('pt')).title).toBe('Conectar o Baton');
    expect((await loadConnectStrings('ko')).title).toBe('Connect Baton');
    expect(connectionTabLabel('ja')).toBe('接続');
  });
});
