import { CLAUSE_START, hasAloneCue, type Lexicon } from './lexicon.js';
import { findPeople, type Found } from './people.js';
import { findSpans, longestAt } from './phrases.js';
import { familyOf, type GrammarMatch, type SentenceReading } from './reading.js';

/** How far before a cue a negator still governs it: "I really don't need to talk to …". */
const NEGATION_REACH_WORDS = 3;
/** How many words may stand between "no need", "inutile", "não precisa" and the ask they decline: "pas la peine de me passer …". */
const DECLINE_REACH_WORDS = 3;

/** The person a cue reaches: up to `limit` words away, fillers ("bitte", "a real") not counted. */
function reach(lex: Lexicon, t: string[], from: number, step: 1 | -1, at: Array<Found | undefined>, limit: number, routes: boolean, topicAt: ReadonlySet<number>) {
  let words = 0;
  for (let k = from; k >= 0 && k <= t.length && words <= limit; k += step) {
    const found = at[k];
    // A team is reached only by routing and talking ("put me through to billing", not "I need billing info"); otherwise it is passed over.
    if (found && (routes || !found.dept)) return found;
    const word = t[step === 1 ? k : k - 1];
    if (word !== undefined && (lex.isBarrier(word) || topicAt.has(step === 1 ? k : k - 1))) return undefined;
    if (word !== undefined && !lex.isFiller(word)) words++;
  }
  return undefined;
}

/** A negator governs the span unless it negates the bot ("not a bot") or the sentence asks "why …". */
function negatedBetween(lex: Lexicon, t: string[], botStarts: Set<number>, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < to; i++) {
    if (!lex.isNegator(t[i]!)) continue;
    let botNext = false;
    for (let k = i + 1; k <= i + 3 && k < t.length; k++) if (botStarts.has(k)) botNext = true;
    if (!botNext) return true;
  }
  return false;
}

/**
 * An ask by a cue: a verb of asking, talking or transferring, or a question form, that reaches a person (or needs none,
 * "transfer me"). `asked` is the first clause's un-negated ask; `negated` the first declined one, for the trace.
 * `pronouns`: the sentence before named a person, so a pronoun here may stand for it.
 */
export function findCueAsk(lex: Lexicon, r: SentenceReading, pronouns: boolean): { asked: GrammarMatch | null; negated: GrammarMatch | null } {
  const { sentence, clauses, asksInfo, botsIn, contrast, rewrites } = r;
  const complaint = clauses[0] !== undefined && longestAt(lex.why, clauses[0], 1) !== null;
  let negatedMatch: GrammarMatch | null = null;

  // "no need", "pas la peine": in the clause before a cue, or as a clause of its own before it ("Nicht nötig, mich … zu verbinden").
  const declineStarts = clauses.map((c) => findSpans(lex.declines, c));
  const declineOnly = clauses.map((c, k) => {
    const spans = declineStarts[k]!;
    if (!spans.length) return false;
    return c.every((w, i) => lex.isFiller(w) || lex.isNegator(w) || spans.some((d) => i >= d.start && i < d.end));
  });

  let asked: GrammarMatch | null = null;
  for (let c = 0; c < clauses.length && !asked; c++) {
    if (asksInfo[c]) continue;
    const t = clauses[c]!;
    // "Die KI sagte, dass ein Mitarbeiter anruft": a decline phrase may also straddle the comma ("sagte dass").
    const prevLast = c > 0 ? clauses[c - 1]!.at(-1) : undefined;
    const declinedBefore = c > 0 && (declineOnly[c - 1]! || (prevLast !== undefined && longestAt(lex.declines, [prevLast, ...t.slice(1, 3)], 0) !== null));
    const persons = findPeople(lex, t, pronouns);
    if (!persons.length && !hasAloneCue(lex, t)) continue;
    const byStart: Array<Found | undefined> = [];
    const byEnd: Array<Found | undefined> = [];
    for (const p of persons) (byStart[p.start] = p), (byEnd[p.end] = p);
    // Cues that reach a person first; "transfer me" on its own only when no cue found one.
    // A clause with a declined cue is declined as a whole: in "non ho bisogno che qualcuno mi chiami" the
    // second cue ("mi chiami") sits inside the first one's negation.
    let clauseAsk: GrammarMatch | null = null;
    let clauseDeclined = false;
    // "instead of …" stops a cue like a topic does: "talk to you instead of a human" reaches nobody.
    const alternativeSpans = findSpans(lex.alternatives, t);
    const topicAt = new Set([...findSpans(lex.topics, t), ...alternativeSpans].map((s) => s.start));
    const found = findSpans(lex.cues, t).sort((a, b) => Number(a.tag.kind === 'alone') - Number(b.tag.kind === 'alone'));
    for (const { start, end, tag } of found) {
      if (tag.questionOnly && !sentence.question && !lex.isQuestionOpener(t[1] ?? '')) continue;
      const cue = { start, end, tag: tag.kind };
      let person: Found | undefined;
      const routes = t.slice(start, end).some(lex.isRouting);
      if (cue.tag === 'after' || cue.tag === 'near') person = reach(lex, t, cue.end, 1, byStart, tag.reach, routes, topicAt);
      if (!person && (cue.tag === 'before' || cue.tag === 'near')) person = reach(lex, t, cue.start, -1, byEnd, tag.reach, routes, topicAt);
      if (!person && cue.tag !== 'alone') continue;
      const first = Math.min(cue.start, person?.start ?? cue.start);
      const last = Math.max(cue.start, person?.start ?? cue.start);
      // An ask right after "instead of" is what the customer turns down ("help me instead of transferring me to an
      // agent"), unless the bot stands between them ("instead of a bot I want a human": the bot is turned down).
      const insteadOfAsk = alternativeSpans.some((a) => a.start < first && first - a.end <= DECLINE_REACH_WORDS && ![...botsIn[c]!].some((b) => b >= a.end && b < first));
      const declined = declinedBefore || insteadOfAsk || declineStarts[c]!.some((d) => d.start < first && first - d.end <= DECLINE_REACH_WORDS);
      const negated = !complaint && (declined || negatedBetween(lex, t, botsIn[c]!, first - NEGATION_REACH_WORDS, last));
      const words = (person ? t.slice(Math.min(cue.start, person.start), Math.max(cue.end, person.end)) : t.slice(cue.start, cue.end)).filter((w) => w !== CLAUSE_START);
      const result: GrammarMatch = { family: familyOf(lex, sentence, t, person?.senior ?? false, cue.tag, contrast), phrase: words.join(' '), negated, rewrites };
      if (negated) (clauseDeclined = true), (negatedMatch ??= result);
      else clauseAsk ??= result;
    }
    if (!clauseDeclined) asked = clauseAsk;
  }
  return { asked, negated: negatedMatch };
}
