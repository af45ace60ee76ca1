import de from './admin-locales/de.js';
import en, { type AdminStrings } from './admin-locales/en.js';
import es from './admin-locales/es.js';
import fr from './admin-locales/fr.js';
import ja from './admin-locales/ja.js';
import ptBR from './admin-locales/pt-BR.js';
import { pickLocale } from './locale.js';

export type { AdminStrings };

/** Strings of the rules admin page (nav_bar), one file per locale; each must have English's keys (typed, and tested). */
export const ADMIN_STRINGS = { en, de, fr, es, 'pt-BR': ptBR, ja };

export function adminStringsFor(locale: string | undefined): AdminStrings {
  return pickLocale<AdminStrings>(ADMIN_STRINGS, locale);
}

/** Fills `{name}`-style holes. */
export const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (hole, key: string) => (key in values ? String(values[key]) : hole));
