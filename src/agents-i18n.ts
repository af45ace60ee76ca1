import { loadLocaleChunk, pickLocale } from './locale.js';
import type { AgentsStrings } from './agents-locales/agents-en.js';
export type { AgentsStrings } from './agents-locales/agents-en.js';

type Loader = () => Promise<{ default: AgentsStrings }>;

/**
 * One chunk per language (src/agents-locales/): an admin downloads the page's strings in their own language only,
 * when they open the tab, which keeps them out of the admin page's first load.
 */
export const AGENTS_LOADERS: { en: Loader } & Record<string, Loader> = {
  en: () => import('./agents-locales/agents-en.js'),
  de: () => import('./agents-locales/agents-de.js'),
  fr: () => import('./agents-locales/agents-fr.js'),
  es: () => import('./agents-locales/agents-es.js'),
  'pt-BR': () => import('./agents-locales/agents-pt-BR.js'),
  ja: () => import('./agents-locales/agents-ja.js'),
};

/** The tab's own label, needed before the page's strings arrive. */
const TAB = { en: 'AI agents', de: 'KI-Agenten', fr: 'Agents IA', es: 'Agentes de IA', 'pt-BR': 'Agentes de IA', ja: 'AI エージェント' };

export const agentsTabLabel = (locale: string | undefined): string => pickLocale(TAB, locale);

export async function loadAgentsStrings(locale: string | undefined): Promise<AgentsStrings> {
  return loadLocaleChunk(AGENTS_LOADERS, locale);
}

export { fill } from './locale.js';
