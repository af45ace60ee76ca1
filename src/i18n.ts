import { pickLocale } from './locale.js';
import de from './locales/de.js';
import en, { type Strings } from './locales/en.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import ja from './locales/ja.js';
import ptBR from './locales/pt-BR.js';

export type { Strings };

/**
 * Every locale's sidebar strings at once, for the admin page's chunk and for tests. The sidebar itself loads only the
 * agent's language (load-strings.ts): importing this module from the sidebar's entry would put all six in its bundle.
 */
export const STRINGS = { en, de, fr, es, 'pt-BR': ptBR, ja };

/** Reason codes in each language (the insights page names them with the sidebar's words). */
export const REASONS = Object.fromEntries(Object.entries(STRINGS).map(([locale, t]) => [locale, t.reasons])) as Record<keyof typeof STRINGS, Strings['reasons']>;

export function stringsFor(locale: string | undefined): Strings {
  return pickLocale<Strings>(STRINGS, locale);
}
