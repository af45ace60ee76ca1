import type { GrammarSpec } from './grammar.js';
import { createPhraseSet, createWordSet, type PhraseSet } from './phrases.js';

export type Cue = 'after' | 'near' | 'before' | 'alone';
export type Person = 'person' | 'senior' | 'dept' | 'not';
export interface CueTag { kind: Cue; reach: number; questionOnly: boolean }

/** How far (in words, fillers not counted) a cue reaches for its person: in "talk to a real live human" the person is right there. */
const CUE_REACH_WORDS = 3;
/** Put before every clause, so a grammar can say "only at the start" (`^ get`: "get a manager", not "I get people …"). */
export const CLAUSE_START = '^';

/** One language's grammar compiled into lookups: phrase sets for the multi-word parts, word sets for the rest. */
export interface Lexicon {
  spec: GrammarSpec;
  people: PhraseSet<Person>;
  cues: PhraseSet<CueTag>;
  bots: PhraseSet<true>;
  topics: PhraseSet<true>;
  declines: PhraseSet<true>;
  alternatives: PhraseSet<true>;
  why: PhraseSet<true>;
  infoQuestion: PhraseSet<true>;
  /** Chat spellings, each with the standard words it stands for. */
  rewrites: Map<string, string[]>;
  /** First words of the cues that need no person ("transfer me"): most clauses have none and are skipped early. */
  aloneFirstWords: Set<string>;
  isRouting: (t: string) => boolean;
  isBarePreposition: (t: string) => boolean;
  isQualifier: (t: string) => boolean;
  isBarrier: (t: string) => boolean;
  isQuestionOpener: (t: string) => boolean;
  isCourtesy: (t: string) => boolean;
  isFiller: (t: string) => boolean;
  isNegator: (t: string) => boolean;
  isPolite: (t: string) => boolean;
  isPossessive: (t: string) => boolean;
  isCopulaBefore: (t: string) => boolean;
  isCopulaAfter: (t: string) => boolean;
  isStopword: (t: string) => boolean;
  isPronoun: (t: string) => boolean;
}

const tagged = (phrases: readonly string[]) => createPhraseSet<true>(phrases.map((p): [string, true] => [p, true]));

export function compileLexicon(spec: GrammarSpec): Lexicon {
  return {
    spec,
    people: createPhraseSet<Person>([
      ...spec.people.map((p): [string, Person] => [p, 'person']),
      ...spec.seniors.map((p): [string, Person] => [p, 'senior']),
      ...spec.departments.map((p): [string, Person] => [p, 'dept']),
      ...spec.notPeople.map((p): [string, Person] => [p, 'not']),
    ]),
    // "is there|1": a cue may reach less far than CUE_REACH_WORDS ("is there a fee for people …" is no ask);
    // "help me?": a cue that asks only in a question ("can someone help me?", not "people help me all the time").
    cues: createPhraseSet<CueTag>(
      (['after', 'near', 'before', 'alone'] as const).flatMap((kind) =>
        spec.cues[kind].map((p): [string, CueTag] => {
          const questionOnly = p.endsWith('?');
          const [phrase, reachWords] = (questionOnly ? p.slice(0, -1) : p).split('|');
          return [phrase!, { kind, reach: reachWords ? Number(reachWords) : CUE_REACH_WORDS, questionOnly }];
        }),
      ),
    ),
    bots: tagged(spec.bots),
    topics: tagged(spec.topics),
    declines: tagged(spec.declines),
    alternatives: tagged(spec.alternatives),
    why: tagged(spec.why),
    infoQuestion: tagged(spec.infoQuestions),
    rewrites: new Map(Object.entries(spec.rewrites).map(([from, to]) => [from, to.split(' ').filter(Boolean)])),
    aloneFirstWords: new Set(spec.cues.alone.map((p) => p.split(' ')[0]!)),
    isRouting: createWordSet(spec.routing),
    isBarePreposition: createWordSet(spec.barePrepositions),
    isQualifier: createWordSet(spec.qualifiers),
    isBarrier: createWordSet(spec.barriers),
    isQuestionOpener: createWordSet(spec.questionOpeners),
    isCourtesy: createWordSet(spec.courtesy),
    isFiller: createWordSet(`${spec.fillers} ${CLAUSE_START}`),
    isNegator: createWordSet(spec.negators),
    isPolite: createWordSet(spec.polite),
    isPossessive: createWordSet(spec.possessives),
    isCopulaBefore: createWordSet(spec.copulas.before),
    isCopulaAfter: createWordSet(spec.copulas.after),
    isStopword: createWordSet(spec.stopwords),
    isPronoun: createWordSet(spec.pronouns),
  };
}

/** Most clauses name no person: they can only ask with a cue that needs none ("transfer me"). */
export function hasAloneCue(lex: Lexicon, t: readonly string[]): boolean {
  for (const w of t) if (lex.aloneFirstWords.has(w)) return true;
  return false;
}
