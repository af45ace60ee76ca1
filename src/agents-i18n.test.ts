import { describe, expect, it } from 'vitest';
import { AGENTS_STRINGS, agentsStringsFor, fill } from './agents-i18n.js';

describe('the AI agents page strings', () => {
  it('exist in all six UI languages with the same keys and placeholders, none empty', () => {
    expect(Object.keys(AGENTS_STRINGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    const english = AGENTS_STRINGS.en;
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [locale, table] of Object.entries(AGENTS_STRINGS)) {
      expect(Object.keys(table).sort(), locale).toEqual(Object.keys(english).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim().length > 0, `${locale}.${key}`).toBe(true);
        expect(placeholders(value), `${locale}.${key}`).toEqual(placeholders(english[key as keyof typeof english]));
      }
    }
  });

  it('picks the locale by the app\'s rule and fills placeholders', () => {
    expect(agentsStringsFor('de-AT').tab).toBe('KI-Agenten');
    expect(agentsStringsFor('pt').tab).toBe('Agentes de IA');
    expect(fill(agentsStringsFor('en').openSessions, { n: 2 })).toBe('Open handoffs: 2');
  });
});
