import { splitSentences } from './chat-text.js';
import type { Family } from './grammar.js';
import { GRAMMARS } from './grammars/index.js';
import { JAPANESE_SCRIPT, matchJapanese } from './japanese.js';
import { rankLanguages } from './language.js';
import type { GrammarMatch } from './match.js';
import type { Lang } from './turn.js';

/** What the detector decided and why, for the rule trace. */
export interface HumanRequestDetection {
  human: boolean;
  /** The language whose grammar decided (the best-ranked one that matched), or the best guess when none did. */
  language: Lang;
  /** The phrasing family that matched; null when nothing matched. */
  family: Family | null;
  /** The matched words (after chat-spelling rewrites), or null. */
  phrase: string | null;
  /** A request was found but under a negation ("I don't need a human"). */
  negated: boolean;
  /** Chat spellings rewritten on the way ("pls → please"). */
  rewrites: string[];
}

let last: { text: string; locale: string | undefined; result: HumanRequestDetection } | null = null;

/**
 * Does the customer ask to be served by a person? Each sentence is tried against every language's grammar
 * (ranked by language identification and the turn's locale); the first sentence with an un-negated request
 * decides. Linear in the text: bounded phrase lookups per word, at most 2,000 characters read.
 */
export function detectHumanRequest(text: string, locale?: string): HumanRequestDetection {
  // Rules read the detector once per field; the trace asks again for the explanation.
  if (last && last.text === text && last.locale === locale) return last.result;
  const result = detect(text, locale);
  last = { text, locale, result };
  return result;
}

function detect(text: string, locale: string | undefined): HumanRequestDetection {
  if (JAPANESE_SCRIPT.test(text)) return fromMatch('ja', matchJapanese(text));
  const sentences = splitSentences(text);
  const ranked = rankLanguages(GRAMMARS, sentences, locale);
  let negated: HumanRequestDetection | null = null;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    for (const grammar of ranked) {
      const m = grammar.match(sentence, sentences[s - 1]);
      if (!m) continue;
      const decision = fromMatch(grammar.spec.lang, m);
      if (decision.human) return decision;
      negated ??= decision;
      // The best-ranked language that recognises the sentence decides it; a lower-ranked one does not overrule its negation.
      break;
    }
  }
  return negated ?? { human: false, language: ranked[0]!.spec.lang, family: null, phrase: null, negated: false, rewrites: [] };
}

function fromMatch(language: Lang, m: GrammarMatch | null): HumanRequestDetection {
  if (!m) return { human: false, language, family: null, phrase: null, negated: false, rewrites: [] };
  return { human: !m.negated, language, family: m.family, phrase: m.phrase, negated: m.negated, rewrites: m.rewrites };
}
