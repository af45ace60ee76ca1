/** The languages the human-request detector has a grammar for. */
export const DETECTOR_LANGS = ['en', 'de', 'fr', 'es', 'pt', 'ja', 'it', 'nl'] as const;
export type Lang = (typeof DETECTOR_LANGS)[number];

/** A labelled customer turn: `human` = the customer asks to be served by a person; `family` = the kind of phrasing. */
export interface DetectorTurn {
  text: string;
  lang: Lang;
  human: boolean;
  family: string;
}
