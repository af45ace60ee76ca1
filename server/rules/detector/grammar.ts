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
  /**
   * Pronouns for a person named in the sentence before ("Who is your manager? I want to talk to HIM"); none that is
   * also an article or a possessive ("el", "her", "ihr", "leur"), so "I need her receipt" names nobody.
   */
  pronouns: string;
  /** Someone senior: a manager, a supervisor. */
  seniors: string[];
  /**
   * Teams and departments ("billing", "technical support", "la comptabilité"): asked for only with a verb of
   * routing or talking ("put me through to billing"), never by wanting or having ("I need billing info").
   */
  departments: string[];
  /** Verbs of routing or talking (prefix patterns): a cue with one of them may reach a department. */
  routing: string;
  /** Where a person word means something else ("human resources", "travel agent", "user agent"). */
  notPeople: string[];
  /** "my manager", "mein Chef": the customer's own people, not someone to be served by. */
  possessives: string;
  /**
   * A person word in predicate position names what someone is or becomes, not whom the customer asks for: "I want to
   * BE an agent", "quiero SER agente", "ich möchte Mitarbeiter WERDEN". `before`: copulas and role words ("as") right
   * before the person (fillers between), never a finite "is" that also opens a question ("is a human available?");
   * `after`: the copula verb-final languages put right after it.
   */
  copulas: { before: string; after: string };
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
  /**
   * Phrases that say nobody is needed ("no need", "inutile", "pas la peine", "não precisa", "hoeft niet"), or that
   * report what someone else said ("the bot said that a person would call me" asks nothing).
   */
  declines: string[];
  /** Prepositions a bare ask may open with ("with a person please", "mit einem Menschen", "con un agente"). */
  barePrepositions: string;
  /** Words that tie a person to a team in a bare ask ("someone from billing", "jemand von der Technik"). */
  qualifiers: string;
  /** The bot, for "a person, not a bot" contrasts; a negator right before one of these does not negate the ask. */
  bots: string[];
  /** A sentence that starts with "why" complains rather than declines: "why can't I talk to a human?". */
  why: string[];
  /** Words a cue does not reach across: "I need to know IF a person can sign" asks nothing. */
  barriers: string;
  /**
   * "instead of", "au lieu de", "en vez de": what follows is what the customer does NOT want. A cue does not reach
   * across one ("can I talk to you instead of a human?"), and a cue right after one is declined ("help me instead
   * of transferring me to an agent").
   */
  alternatives: string[];
  /** Topic phrases a cue does not reach across: "I want to talk ABOUT the agent", "parler DE la personne". */
  topics: string[];
  /** Clause openers that ask for information, not for a person: "when is customer service available?", "am I talking to a human?". */
  infoQuestions: string[];
  /** Words that open a question typed without "?": "can someone help me". */
  questionOpeners: string;
  /** Courtesy and urgency words that make a bare person an ask even before more text ("Representative please, …"). */
  courtesy: string;
}
