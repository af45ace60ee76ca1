import { pickLocale } from './locale.js';

/** Strings of Connect Baton and the Connection view (nav_bar): the loader per locale, and the tab's label. */
export type ConnectStrings = typeof import('./connect-locales/connect-en.js').default;

/** The Connection tab's label: shown with the admin page, before the Connection strings are loaded. */
const TAB_LABEL = { en: 'Connection', de: 'Verbindung', fr: 'Connexion', es: 'Conexión', 'pt-BR': 'Conexão', ja: '接続' };
export const connectionTabLabel = (locale: string | undefined) => pickLocale<string>(TAB_LABEL, locale);

type Loader = () => Promise<ConnectStrings>;
/**
 * One chunk per language, loaded with Connect Baton or the Connection tab: opening the admin page downloads none
 * of them (its bundle budget), showing either downloads one.
 */
const LOADERS: { en: Loader } & Record<string, Loader> = {
  en: () => import('./connect-locales/connect-en.js').then((m) => m.default),
  de: () => import('./connect-locales/connect-de.js').then((m) => m.default),
  fr: () => import('./connect-locales/connect-fr.js').then((m) => m.default),
  es: () => import('./connect-locales/connect-es.js').then((m) => m.default),
  'pt-BR': () => import('./connect-locales/connect-pt-BR.js').then((m) => m.default),
  ja: () => import('./connect-locales/connect-ja.js').then((m) => m.default),
};

/** The strings for the admin's Zendesk locale, by the same fallback rule as every table of the app. */
export function loadConnectStrings(locale: string | undefined): Promise<ConnectStrings> {
  return pickLocale(LOADERS, locale)();
}

/** Every locale's strings (tests check they are complete and different from English). */
export const CONNECT_LOCALES = Object.keys(LOADERS);
