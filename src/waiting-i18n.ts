import { loadLocaleChunk } from './locale.js';
import type { WaitingStrings } from './waiting-locales/waiting-en.js';
export type { WaitingStrings } from './waiting-locales/waiting-en.js';

type Loader = () => Promise<{ default: WaitingStrings }>;

/** One chunk per language (src/waiting-locales/), fetched when an admin opens an agent's waiting settings. */
export const WAITING_LOADERS: { en: Loader } & Record<string, Loader> = {
  en: () => import('./waiting-locales/waiting-en.js'),
  de: () => import('./waiting-locales/waiting-de.js'),
  fr: () => import('./waiting-locales/waiting-fr.js'),
  es: () => import('./waiting-locales/waiting-es.js'),
  'pt-BR': () => import('./waiting-locales/waiting-pt-BR.js'),
  ja: () => import('./waiting-locales/waiting-ja.js'),
};

export async function loadWaitingStrings(locale: string | undefined): Promise<WaitingStrings> {
  return loadLocaleChunk(WAITING_LOADERS, locale);
}
