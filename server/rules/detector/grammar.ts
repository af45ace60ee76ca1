import type { Lang } from './turn.js';

/** The kinds of phrasing a request falls into; the trace names the one that matched. */
export type Family = 'short' | 'senior' | 'question' | 'bot-vs-person' | 'polite-conditional' | 'transfer' | 'request';

/**
 * One language's request grammar: a request is a request cue (verb of asking, talking, transferring,
 * a question form) near a person the customer may be served by, not under a negation. Phrases are
 * space-separated folded tokens (lowercase, no accents); a token ending in `*` matches any word it starts.
 */
export interface GrammarSpec {
  lang: Lang;
  /** Frequent function words, for telling the languages apart. */
  stopwords: string;
  /** Chat spelling, abbreviations and elisions → standard words ("pls" → "please", "j" → "je"). */
  rewrites: Record<string, string>;
  /** Who the customer may ask for. */
  people: string[];
  /** Someone senior: a manager, a supervisor. */
  seniors: string[];
  /** Where a person word means something else ("human resources", "travel agent", "user agent"). */
  notPeople: string[];
  /** "my manager", "mein Chef": the customer's own people, not someone to be served by. */
  possessives: string;
  /** Words that may surround a bare ask typed as a whole message ("a real human please!!"). */
  fillers: string;
  cues: {
    /** The person follows: "talk to …", "ich möchte …", "passez-moi …". */
    after: string[];
    /** The person comes first or after (verb-final clauses, availability): "… sprechen", "… disponible". */
    near: string[];
    /** The person comes first: "can someone … call me". */
    before: string[];
    /** Enough on their own: "transfer me", "is anyone there". */
    alone: string[];
  };
  /** Conditional and courtesy forms that name the `polite-conditional` family. */
  polite: string;
  /** Words that negate what follows ("don't", "kein", "ne … pas", "não"). */
  negators: string;
  /** The bot, for "a person, not a bot" contrasts; a negator right before one of these does not negate the ask. */
  bots: string[];
  /** A sentence that starts with "why" complains rather than declines: "why can't I talk to a human?". */
  why: string[];
  /** Words a cue does not reach across: "I need to know IF a person can sign" asks nothing. */
  barriers: string;
  /** Sentence openers that ask for information, not for a person: "when is customer service available?". */
  infoQuestions: string[];
  /** Words that open a question typed without "?": "can someone help me". */
  questionOpeners: string;
  /** Courtesy and urgency words that make a bare person an ask even before more text ("Representative please, …"). */
  courtesy: string;
}
