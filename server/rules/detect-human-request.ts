import { detectHumanRequest as detect, type HumanRequestDetection } from './detector/detect.js';

export type { HumanRequestDetection };

/**
 * Does the customer explicitly ask for a human? The language-aware detector in `detector/`: per-language request
 * grammars (en, de, fr, es, pt, it, nl; Japanese by its own matcher), chat spelling normalised, negations and near
 * misses ("I am not a robot", "human resources", "travel agent") left out. `locale` (the turn's language or the
 * customer's locale) is a hint for language identification, never required.
 */
export function detectHumanRequest(text: string, locale?: string): boolean {
  return detect(text, locale).human;
}

/** The same decision with its reasons (language, phrase family, matched words) for the rule trace. */
export function explainHumanRequest(text: string, locale?: string): HumanRequestDetection {
  return detect(text, locale);
}
