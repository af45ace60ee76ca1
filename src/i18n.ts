import { pickLocale } from './locale.js';
import de from './locales/de.js';
import en, { type Strings } from './locales/en.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import ja from './locales/ja.js';
import ptBR from './locales/pt-BR.js';

export type { Strings };

/**
 * Every locale's sidebar strings at once, for tests. The sidebar and the admin page load only their user's language
 * (load-strings.ts): importing this module from either would put all six in its bundle.
 */
export const STRINGS = { en, de, fr, es, 'pt-BR': ptBR, ja };

export function stringsFor(locale: string | undefined): Strings {
  return pickLocale<Strings>(STRINGS, locale);
}
