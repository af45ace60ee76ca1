import type { Sentence } from './chat-text.js';
import type { Family, GrammarSpec } from './grammar.js';
import { allAt, createPhraseSet, createWordSet, longestAt, type PhraseSet } from './phrases.js';

export interface GrammarMatch {
  family: Family;
  /** The words that matched, as rewritten ("talk to … human"). */
  phrase: string;
  negated: boolean;
  /** Chat spellings that were rewritten on the way ("pls → please"). */
  rewrites: string[];
}

type Cue = 'after' | 'near' | 'before' | 'alone';
type Person = 'person' | 'senior' | 'dept' | 'not';
type Found = Span & { senior: boolean; dept: boolean };
interface Span { start: number; end: number }

/** How far (in words, fillers not counted) a cue reaches for its person: in "talk to a real live human" the person is right there. */
const CUE_REACH_WORDS = 3;
/** Put before every clause, so a grammar can say "only at the start" (`^ get`: "get a manager", not "I get people …"). */
const CLAUSE_START = '^';
/** How far before a cue a negator still governs it: "I really don't need to talk to …". */
const NEGATION_REACH_WORDS = 3;
/** How many words may stand between "no need", "inutile", "não precisa" and the ask they decline: "pas la peine de me passer …". */
const DECLINE_REACH_WORDS = 3;
/** The words of a short "is that possible?" clause besides its verb: "c'est possible", "kan dat", "pode ser", "si può". */
const POSSIBLE_FILLERS = new Set(['ce', 'c', 'is', 'it', 'that', 'this', 'be', 'dat', 'het', 'das', 'es', 'isso', 'isto', 'ser', 'si', 'se', 'ca', 'lo']);
/** A bare ask may name the team after its person: "someone from the billing department" (fillers not counted). */
const BARE_TEAM_WORDS = 2;

export interface CompiledGrammar {
  spec: GrammarSpec;
  isStopword: (t: string) => boolean;
  /** `previous`: the sentence before, whose person a pronoun may stand for. */
  match: (sentence: Sentence, previous?: Sentence) => GrammarMatch | null;
}

export function compileGrammar(spec: GrammarSpec): CompiledGrammar {
  const people = createPhraseSet<Person>([
    ...spec.people.map((p): [string, Person] => [p, 'person']),
    ...spec.seniors.map((p): [string, Person] => [p, 'senior']),
    ...spec.departments.map((p): [string, Person] => [p, 'dept']),
    ...spec.notPeople.map((p): [string, Person] => [p, 'not']),
  ]);
  // "is there|1": a cue may reach less far than CUE_REACH_WORDS ("is there a fee for people …" is no ask);
  // "help me?": a cue that asks only in a question ("can someone help me?", not "people help me all the time").
  const cues = createPhraseSet<{ kind: Cue; reach: number; questionOnly: boolean }>(
    (['after', 'near', 'before', 'alone'] as const).flatMap((kind) =>
      spec.cues[kind].map((p): [string, { kind: Cue; reach: number; questionOnly: boolean }] => {
        const questionOnly = p.endsWith('?');
        const [phrase, reachWords] = (questionOnly ? p.slice(0, -1) : p).split('|');
        return [phrase!, { kind, reach: reachWords ? Number(reachWords) : CUE_REACH_WORDS, questionOnly }];
      }),
    ),
  );
  const bots = createPhraseSet<true>(spec.bots.map((b): [string, true] => [b, true]));
  const topics = createPhraseSet<true>(spec.topics.map((w): [string, true] => [w, true]));
  const declines = createPhraseSet<true>(spec.declines.map((d): [string, true] => [d, true]));
  const alternatives = createPhraseSet<true>(spec.alternatives.map((a): [string, true] => [a, true]));
  const isRouting = createWordSet(spec.routing);
  const isBarePreposition = createWordSet(spec.barePrepositions);
  const isQualifier = createWordSet(spec.qualifiers);
  const why = createPhraseSet<true>(spec.why.map((w): [string, true] => [w, true]));
  const infoQuestion = createPhraseSet<true>(spec.infoQuestions.map((w): [string, true] => [w, true]));
  const isBarrier = createWordSet(spec.barriers);
  const isQuestionOpener = createWordSet(spec.questionOpeners);
  const isCourtesy = createWordSet(spec.courtesy);
  const isFiller = createWordSet(`${spec.fillers} ${CLAUSE_START}`);
  const isNegator = createWordSet(spec.negators);
  const isPolite = createWordSet(spec.polite);
  const isPossessive = createWordSet(spec.possessives);
  const isStopword = createWordSet(spec.stopwords);
  const isPronoun = createWordSet(spec.pronouns);

  const rewrites = new Map(Object.entries(spec.rewrites).map(([from, to]) => [from, to.split(' ').filter(Boolean)]));

  function rewrite(clause: readonly string[], used: string[]): string[] {
    const out: string[] = [CLAUSE_START];
    for (const token of clause) {
      const whole = rewrites.get(token);
      if (whole !== undefined) {
        used.push(`${token} → ${spec.rewrites[token]}`);
        out.push(...whole);
      } else if (!token.includes("'")) {
        out.push(token);
      } else {
        // Elisions and contractions not listed whole ("j'veux", "qu'un") are rewritten part by part.
        for (const part of token.split("'")) {
          const r = rewrites.get(part);
          if (r !== undefined) used.push(`${part} → ${spec.rewrites[part]}`);
          if (r !== undefined) out.push(...r);
          else if (part) out.push(part);
        }
      }
    }
    return out;
  }

  /** Person spans of a clause; "my manager" and "travel agent" are left out. */
  function findPeople(t: string[], pronouns = false): Found[] {
    const found: Found[] = [];
    for (let i = 0; i < t.length; i++) {
      // Like a team, a pronoun is reached only by routing and talking: "talk to them", not "I want them fired".
      if (pronouns && isPronoun(t[i]!)) {
        found.push({ start: i, end: i + 1, senior: false, dept: true });
        continue;
      }
      const hit = longestAt(people, t, i);
      if (!hit) continue;
      if (hit.tag !== 'not') {
        let k = i - 1;
        while (k >= 0 && isFiller(t[k]!) && !isPossessive(t[k]!)) k--;
        // "the agent's name": a person owning something is not the one asked for.
        const owner = t[hit.end] === 's' && spec.lang === 'en';
        let end = hit.end;
        // "someone from your team", "alguém da equipe": the person and the team are one, so a cue reaches both.
        if (hit.tag !== 'dept' && end < t.length && isQualifier(t[end]!)) {
          for (let j = end + 1, words = 0; j < t.length && words < BARE_TEAM_WORDS; j++) {
            const team = longestAt(people, t, j);
            if (team?.tag === 'dept') {
              end = team.end;
              break;
            }
            if (!isFiller(t[j]!)) words++;
          }
        }
        if (!owner && !(k >= 0 && isPossessive(t[k]!))) found.push({ start: i, end, senior: hit.tag === 'senior', dept: hit.tag === 'dept' });
        i = end - 1;
        continue;
      }
      i = hit.end - 1;
    }
    return found;
  }

  function findSpans<T>(set: PhraseSet<T>, t: string[]): Array<Span & { tag: T }> {
    const found: Array<Span & { tag: T }> = [];
    const at: Array<{ end: number; tag: T }> = [];
    for (let i = 0; i < t.length; i++) {
      at.length = 0;
      for (const hit of allAt(set, t, i, at)) found.push({ start: i, end: hit.end, tag: hit.tag });
    }
    return found;
  }

  /** The person a cue reaches: up to CUE_REACH_WORDS words away, fillers ("bitte", "a real") not counted. */
  function reach(t: string[], from: number, step: 1 | -1, at: Array<Found | undefined>, limit: number, routes: boolean, topicAt: ReadonlySet<number>) {
    let words = 0;
    for (let k = from; k >= 0 && k <= t.length && words <= limit; k += step) {
      const found = at[k];
      // A team is reached only by routing and talking ("put me through to billing", not "I need billing info"); otherwise it is passed over.
      if (found && (routes || !found.dept)) return found;
      const word = t[step === 1 ? k : k - 1];
      if (word !== undefined && (isBarrier(word) || topicAt.has(step === 1 ? k : k - 1))) return undefined;
      if (word !== undefined && !isFiller(word)) words++;
    }
    return undefined;
  }

  const aloneFirstWords = new Set(spec.cues.alone.map((p) => p.split(' ')[0]!));
  /** Most clauses name no person: they can only ask with a cue that needs none ("transfer me"). */
  function hasAloneCue(t: string[]): boolean {
    for (const w of t) if (aloneFirstWords.has(w)) return true;
    return false;
  }

  /** A negator governs the span unless it negates the bot ("not a bot") or the sentence asks "why …". */
  function negatedBetween(t: string[], botStarts: Set<number>, from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < to; i++) {
      if (!isNegator(t[i]!)) continue;
      let botNext = false;
      for (let k = i + 1; k <= i + 3 && k < t.length; k++) if (botStarts.has(k)) botNext = true;
      if (!botNext) return true;
    }
    return false;
  }

  function familyOf(sentence: Sentence, clause: string[], senior: boolean, cue: Cue | null, contrast: boolean): Family {
    if (senior) return 'senior';
    if (contrast) return 'bot-vs-person';
    if (clause.some(isPolite)) return 'polite-conditional';
    if (sentence.question) return 'question';
    if (cue === null) return 'short';
    return cue === 'alone' ? 'transfer' : 'request';
  }

  /** Does the sentence name someone the customer may be served by (for a pronoun in the next one)? */
  function namesPerson(sentence: Sentence): boolean {
    return sentence.clauses.some((c) => findPeople(rewrite(c, [])).some((p) => !p.dept));
  }

  function match(sentence: Sentence, previous?: Sentence): GrammarMatch | null {
    const rewrites: string[] = [];
    const clauses = sentence.clauses.map((c) => rewrite(c, rewrites));
    // "Am I talking to a human?" asks for information, not a person; a later clause still may ("…, I want a human").
    const asksInfo = clauses.map((c) => longestAt(infoQuestion, c, 1) !== null);
    if (asksInfo.every(Boolean)) return null;
    // "Who is your manager? I want to talk to them": a pronoun stands for the person of the sentence before.
    const pronouns = previous !== undefined && clauses.some((t) => t.some(isPronoun)) && namesPerson(previous);
    // Most sentences name no person and no "transfer me": nothing more to look at.
    if (!pronouns && !clauses.some((t) => hasAloneCue(t) || t.some((_, i) => longestAt(people, t, i) !== null))) return null;
    const botsIn = clauses.map((c) => new Set(findSpans(bots, c).map((s) => s.start)));
    const contrast = botsIn.some((s) => s.size > 0);
    const complaint = clauses[0] !== undefined && longestAt(why, clauses[0], 1) !== null;
    let negatedMatch: GrammarMatch | null = null;

    // "no need", "pas la peine": in the clause before a cue, or as a clause of its own before it ("Nicht nötig, mich … zu verbinden").
    const declineStarts = clauses.map((c) => findSpans(declines, c));
    const declineOnly = clauses.map((c, k) => {
      const spans = declineStarts[k]!;
      if (!spans.length) return false;
      return c.every((w, i) => isFiller(w) || isNegator(w) || spans.some((d) => i >= d.start && i < d.end));
    });

    let asked: GrammarMatch | null = null;
    for (let c = 0; c < clauses.length && !asked; c++) {
      if (asksInfo[c]) continue;
      const t = clauses[c]!;
      // "Die KI sagte, dass ein Mitarbeiter anruft": a decline phrase may also straddle the comma ("sagte dass").
      const prevLast = c > 0 ? clauses[c - 1]!.at(-1) : undefined;
      const declinedBefore = c > 0 && (declineOnly[c - 1]! || (prevLast !== undefined && longestAt(declines, [prevLast, ...t.slice(1, 3)], 0) !== null));
      const persons = findPeople(t, pronouns);
      if (!persons.length && !hasAloneCue(t)) continue;
      const byStart: Array<Found | undefined> = [];
      const byEnd: Array<Found | undefined> = [];
      for (const p of persons) (byStart[p.start] = p), (byEnd[p.end] = p);
      // Cues that reach a person first; "transfer me" on its own only when no cue found one.
      // A clause with a declined cue is declined as a whole: in "non ho bisogno che qualcuno mi chiami" the
      // second cue ("mi chiami") sits inside the first one's negation.
      let clauseAsk: GrammarMatch | null = null;
      let clauseDeclined = false;
      // "instead of …" stops a cue like a topic does: "talk to you instead of a human" reaches nobody.
      const alternativeSpans = findSpans(alternatives, t);
      const topicAt = new Set([...findSpans(topics, t), ...alternativeSpans].map((s) => s.start));
      const found = findSpans(cues, t).sort((a, b) => Number(a.tag.kind === 'alone') - Number(b.tag.kind === 'alone'));
      for (const { start, end, tag } of found) {
        if (tag.questionOnly && !sentence.question && !isQuestionOpener(t[1] ?? '')) continue;
        const cue = { start, end, tag: tag.kind };
        let person: Found | undefined;
        const routes = t.slice(start, end).some(isRouting);
        if (cue.tag === 'after' || cue.tag === 'near') person = reach(t, cue.end, 1, byStart, tag.reach, routes, topicAt);
        if (!person && (cue.tag === 'before' || cue.tag === 'near')) person = reach(t, cue.start, -1, byEnd, tag.reach, routes, topicAt);
        if (!person && cue.tag !== 'alone') continue;
        const first = Math.min(cue.start, person?.start ?? cue.start);
        const last = Math.max(cue.start, person?.start ?? cue.start);
        // An ask right after "instead of" is what the customer turns down ("help me instead of transferring me to an
        // agent"), unless the bot stands between them ("instead of a bot I want a human": the bot is turned down).
        const insteadOfAsk = alternativeSpans.some((a) => a.start < first && first - a.end <= DECLINE_REACH_WORDS && ![...botsIn[c]!].some((b) => b >= a.end && b < first));
        const declined = declinedBefore || insteadOfAsk || declineStarts[c]!.some((d) => d.start < first && first - d.end <= DECLINE_REACH_WORDS);
        const negated = !complaint && (declined || negatedBetween(t, botsIn[c]!, first - NEGATION_REACH_WORDS, last));
        const words = (person ? t.slice(Math.min(cue.start, person.start), Math.max(cue.end, person.end)) : t.slice(cue.start, cue.end)).filter((w) => w !== CLAUSE_START);
        const result: GrammarMatch = { family: familyOf(sentence, t, person?.senior ?? false, cue.tag, contrast), phrase: words.join(' '), negated, rewrites };
        if (negated) (clauseDeclined = true), (negatedMatch ??= result);
        else clauseAsk ??= result;
      }
      if (!clauseDeclined) asked = clauseAsk;
    }
    if (asked) return asked;
    if (negatedMatch) return negatedMatch;

    // A bare ask: a clause that is only a person and fillers ("human pls", "un conseiller svp"), when the
    // rest of the sentence is greetings or a contrast with the bot ("not a bot, a human please").
    // Also when it opens the sentence with a courtesy word ("Representative please, this is urgent"); a bare
    // interjection does not ask ("Mensch, das dauert ewig").
    for (let c = 0; c < clauses.length; c++) {
      if (asksInfo[c]) continue;
      const clause = clauses[c]!;
      let core = clause.filter((w) => !isFiller(w));
      // "with a person please", "mit einem Menschen bitte", "con el gerente": the preposition of an elided "talk".
      const prepositional = core.length > 1 && isBarePreposition(core[0]!);
      if (prepositional) core = core.slice(1);
      if (!core.length) continue;
      const persons = findPeople(core);
      // Only people, side by side: "human agent", "menschlichen Mitarbeiter".
      if (!persons.length || persons[0]!.start !== 0) continue;
      let run = 1;
      while (run < persons.length && persons[run]!.start === persons[run - 1]!.end) run++;
      const lead = persons.slice(0, run);
      const tail = core.length - lead.at(-1)!.end;
      // "someone from billing please": a short team after a qualifier, in a courteous or questioning sentence.
      const teamTail = tail > 1 && tail <= BARE_TEAM_WORDS + 1 && isQualifier(core[lead.at(-1)!.end]!) && (sentence.question || clauses.some((k) => k.some(isCourtesy)));
      if (tail !== 0 && !teamTail) continue;
      // A team on its own is no ask ("Billing, please" may want the bill); with its preposition it is ("with billing please").
      if (lead.every((p) => p.dept) && !prepositional) continue;
      // Other clauses may greet, name the bot, or set something aside ("a person, not a script").
      // "Un vrai humain, c'est possible ?", "Een echt mens, kan dat?": a short question of possibility after it.
      const asksIfPossible = (other: string[]) =>
        sentence.question && other.length <= 4 && other.some((w) => isPolite(w) || isQuestionOpener(w)) && other.every((w) => w === CLAUSE_START || isPolite(w) || isQuestionOpener(w) || POSSIBLE_FILLERS.has(w));
      const othersAllow = clauses.every((other, o) => o === c || other.every(isFiller) || botsIn[o]!.size > 0 || isNegator(other[1] ?? '') || (o > c && asksIfPossible(other)));
      // "Un responsable, tout de suite": a short courtesy or urgency clause right after counts as the same opening.
      const next = clauses[c + 1];
      const opensWithCourtesy = c === 0 && (clause.some(isCourtesy) || (next !== undefined && next.length <= 4 && next.some(isCourtesy)));
      if (othersAllow || opensWithCourtesy) return { family: familyOf(sentence, core, lead.some((p) => p.senior), null, contrast), phrase: clause.slice(1).join(' '), negated: false, rewrites };
    }
    return null;
  }

  return { spec, isStopword, match };
}
