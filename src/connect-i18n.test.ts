import { describe, expect, it } from 'vitest';
import { ACCESS_CODES } from '../server/zendesk/check-connection.js';
import { CONNECT_LOCALES, connectionTabLabel, loadConnectStrings } from './connect-i18n.js';

/** Every entry of a string table, nested ones as `a.b`. */
const entries = (o: object, prefix = ''): Array<[string, unknown]> =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));

describe('Connect Baton and Connection strings', () => {
  it('exist in all six languages, every key filled, each language its own', async () => {
    expect(CONNECT_LOCALES.sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const en = await loadConnectStrings('en');
    const keys = entries(en).map(([key]) => key).sort();
    for (const locale of CONNECT_LOCALES) {
      const t = await loadConnectStrings(locale);
      expect(entries(t).map(([key]) => key).sort(), locale).toEqual(keys);
      for (const [key, value] of entries(t)) expect(typeof value === 'string' && value.trim() !== '', `${locale}.${key}`).toBe(true);
      if (locale !== 'en') expect(t.intro, locale).not.toBe(en.intro);
    }
    // The Access line words every code the relay's check answers.
    expect(Object.keys(en.accessCodes).sort()).toEqual([...ACCESS_CODES].sort());
    // Regional tags fall back to their language, Portuguese to Brazilian Portuguese, the rest to English.
    expect((await loadConnectStrings('de-AT')).title).toBe('Baton verbinden');
    expect((await loadConnectStrings('pt')).title).toBe('Conectar o Baton');
    expect((await loadConnectStrings('ko')).title).toBe('Connect Baton');
    expect(connectionTabLabel('ja')).toBe('接続');
  });
});
