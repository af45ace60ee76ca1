import type { AdminStrings } from './admin-locales/admin-en.js';
import { loadLocaleChunk } from './locale.js';

export type { AdminStrings };

type Loader = () => Promise<{ default: AdminStrings }>;

/**
 * The rules editor's strings, one file per locale (src/admin-locales/, each typed by English's shape) and one chunk
 * each: the admin's browser fetches only its own language.
 */
const LOADERS: { en: Loader } & Record<string, Loader> = {
  en: () => import('./admin-locales/admin-en.js'),
  de: () => import('./admin-locales/admin-de.js'),
  fr: () => import('./admin-locales/admin-fr.js'),
  es: () => import('./admin-locales/admin-es.js'),
  'pt-BR': () => import('./admin-locales/admin-pt-BR.js'),
  ja: () => import('./admin-locales/admin-ja.js'),
};

export async function loadAdminStrings(locale: string | undefined): Promise<AdminStrings> {
  return loadLocaleChunk(LOADERS, locale);
}

export { fill } from './locale.js';
