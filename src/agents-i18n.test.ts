import { describe, expect, it } from 'vitest';
import { AGENTS_LOADERS, agentsTabLabel, fill, loadAgentsStrings } from './agents-i18n.js';

describe('the AI agents page strings', () => {
  it('exist in all six UI languages with the same keys and placeholders, none empty', async () => {
    expect(Object.keys(AGENTS_LOADERS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const english = (await AGENTS_LOADERS.en()).default;
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [locale, load] of Object.entries(AGENTS_LOADERS)) {
      const table = (await load()).default;
      expect(Object.keys(table).sort(), locale).toEqual(Object.keys(english).sort());
      expect(agentsTabLabel(locale), locale).toBe(table.tab);
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim().length > 0, `${locale}.${key}`).toBe(true);
        expect(placeholders(value), `${locale}.${key}`).toEqual(placeholders(english[key as keyof typeof english]));
      }
    }
  });

  it('picks the locale by the app\'s rule and fills placeholders', async () => {
    expect((await loadAgentsStrings('de-AT')).tab).toBe('KI-Agenten');
    expect((await loadAgentsStrings('pt')).tab).toBe('Agentes de IA');
    expect((await loadAgentsStrings('ko')).tab).toBe('AI agents');
    expect(fill((await loadAgentsStrings('en')).openSessions, { n: 2 })).toBe('Open handoffs: 2');
  });
});
