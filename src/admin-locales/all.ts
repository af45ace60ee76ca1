import { pickLocale } from '../locale.js';
import de from './admin-de.js';
import en, { type AdminStrings } from './admin-en.js';
import es from './admin-es.js';
import fr from './admin-fr.js';
import ja from './admin-ja.js';
import ptBR from './admin-pt-BR.js';

/** Every locale's rules-editor strings at once, for tests (the page loads only the admin's language: admin-i18n.ts). */
export const ADMIN_STRINGS = { en, de, fr, es, 'pt-BR': ptBR, ja };

export function adminStringsFor(locale: string | undefined): AdminStrings {
  return pickLocale<AdminStrings>(ADMIN_STRINGS, locale);
}
