import { findBareAsk } from './bare-ask.js';
import type { Sentence } from './chat-text.js';
import { findCueAsk } from './cue-ask.js';
import type { GrammarSpec } from './grammar.js';
import { compileLexicon, hasAloneCue } from './lexicon.js';
import { namesPerson } from './people.js';
import { findSpans, longestAt } from './phrases.js';
import type { GrammarMatch, SentenceReading } from './reading.js';
import { rewriteClause } from './rewrite.js';

export type { GrammarMatch };

export interface CompiledGrammar {
  spec: GrammarSpec;
  isStopword: (t: string) => boolean;
  /** `previous`: the sentence before, whose person a pronoun may stand for. */
  match: (sentence: Sentence, previous?: Sentence) => GrammarMatch | null;
}

export function compileGrammar(spec: GrammarSpec): CompiledGrammar {
  const lex = compileLexicon(spec);

  function match(sentence: Sentence, previous?: Sentence): GrammarMatch | null {
    const rewrites: string[] = [];
    const clauses = sentence.clauses.map((c) => rewriteClause(lex, c, rewrites));
    // "Am I talking to a human?" asks for information, not a person; a later clause still may ("…, I want a human").
    const asksInfo = clauses.map((c) => longestAt(lex.infoQuestion, c, 1) !== null);
    if (asksInfo.every(Boolean)) return null;
    // "Who is your manager? I want to talk to them": a pronoun stands for the person of the sentence before.
    const pronouns = previous !== undefined && clauses.some((t) => t.some(lex.isPronoun)) && namesPerson(lex, previous);
    // Most sentences name no person and no "transfer me": nothing more to look at.
    if (!pronouns && !clauses.some((t) => hasAloneCue(lex, t) || t.some((_, i) => longestAt(lex.people, t, i) !== null))) return null;
    const botsIn = clauses.map((c) => new Set(findSpans(lex.bots, c).map((s) => s.start)));
    const reading: SentenceReading = { sentence, clauses, asksInfo, botsIn, contrast: botsIn.some((s) => s.size > 0), rewrites };
    const { asked, negated } = findCueAsk(lex, reading, pronouns);
    return asked ?? negated ?? findBareAsk(lex, reading);
  }

  return { spec, isStopword: lex.isStopword, match };
}
