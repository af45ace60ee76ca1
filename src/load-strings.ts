import { loadLocaleChunk } from './locale.js';
import type { Strings } from './locales/en.js';

type Loader = () => Promise<{ default: Strings }>;

/** One chunk per language: the agent's browser fetches only the strings it shows (the sidebar's bundle budget). */
const LOADERS: { en: Loader } & Record<string, Loader> = {
  en: () => import('./locales/en.js'),
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  ja: () => import('./locales/ja.js'),
};

/** The sidebar's strings for the agent's Zendesk locale, by the same fallback rule as every table of the app. */
export async function loadStrings(locale: string | undefined): Promise<Strings> {
  return loadLocaleChunk(LOADERS, locale);
}
