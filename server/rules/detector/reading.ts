import type { Sentence } from './chat-text.js';
import type { Family } from './grammar.js';
import type { Cue, Lexicon } from './lexicon.js';

export interface GrammarMatch {
  family: Family;
  /** The words that matched, as rewritten ("talk to … human"). */
  phrase: string;
  negated: boolean;
  /** Chat spellings that were rewritten on the way ("pls → please"). */
  rewrites: string[];
}

/** What one grammar has read off a sentence before looking for an ask, shared by the cue and the bare-ask readers. */
export interface SentenceReading {
  sentence: Sentence;
  /** The clauses in standard words, each opened by CLAUSE_START. */
  clauses: string[][];
  /** Per clause: it asks for information ("am I talking to a human?"), not for a person. */
  asksInfo: boolean[];
  /** Per clause: where a mention of the bot starts. */
  botsIn: Array<Set<number>>;
  /** The sentence mentions the bot: an ask in it sets a person against the bot. */
  contrast: boolean;
  /** Chat spellings rewritten in the sentence. */
  rewrites: string[];
}

export function familyOf(lex: Lexicon, sentence: Sentence, clause: readonly string[], senior: boolean, cue: Cue | null, contrast: boolean): Family {
  if (senior) return 'senior';
  if (contrast) return 'bot-vs-person';
  if (clause.some(lex.isPolite)) return 'polite-conditional';
  if (sentence.question) return 'question';
  if (cue === null) return 'short';
  return cue === 'alone' ? 'transfer' : 'request';
}
