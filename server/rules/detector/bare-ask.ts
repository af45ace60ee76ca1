import { CLAUSE_START, type Lexicon } from './lexicon.js';
import { BARE_TEAM_WORDS, findPeople } from './people.js';
import { familyOf, type GrammarMatch, type SentenceReading } from './reading.js';

/** The words of a short "is that possible?" clause besides its verb: "c'est possible", "kan dat", "pode ser", "si può". */
const POSSIBLE_FILLERS = new Set(['ce', 'c', 'is', 'it', 'that', 'this', 'be', 'dat', 'het', 'das', 'es', 'isso', 'isto', 'ser', 'si', 'se', 'ca', 'lo']);

/**
 * A bare ask: a clause that is only a person and fillers ("human pls", "un conseiller svp"), when the rest of the
 * sentence is greetings or a contrast with the bot ("not a bot, a human please"). Also when it opens the sentence with
 * a courtesy word ("Representative please, this is urgent"); a bare interjection does not ask ("Mensch, das dauert ewig").
 */
export function findBareAsk(lex: Lexicon, r: SentenceReading): GrammarMatch | null {
  const { sentence, clauses, asksInfo, botsIn, contrast, rewrites } = r;
  for (let c = 0; c < clauses.length; c++) {
    if (asksInfo[c]) continue;
    const clause = clauses[c]!;
    let core = clause.filter((w) => !lex.isFiller(w));
    // "with a person please", "mit einem Menschen bitte", "con el gerente": the preposition of an elided "talk".
    const prepositional = core.length > 1 && lex.isBarePreposition(core[0]!);
    if (prepositional) core = core.slice(1);
    if (!core.length) continue;
    const persons = findPeople(lex, core);
    // Only people, side by side: "human agent", "menschlichen Mitarbeiter".
    if (!persons.length || persons[0]!.start !== 0) continue;
    let run = 1;
    while (run < persons.length && persons[run]!.start === persons[run - 1]!.end) run++;
    const lead = persons.slice(0, run);
    const tail = core.length - lead.at(-1)!.end;
    // "someone from billing please": a short team after a qualifier, in a courteous or questioning sentence.
    const teamTail = tail > 1 && tail <= BARE_TEAM_WORDS + 1 && lex.isQualifier(core[lead.at(-1)!.end]!) && (sentence.question || clauses.some((k) => k.some(lex.isCourtesy)));
    if (tail !== 0 && !teamTail) continue;
    // A team on its own is no ask ("Billing, please" may want the bill); with its preposition it is ("with billing please").
    if (lead.every((p) => p.dept) && !prepositional) continue;
    // Other clauses may greet, name the bot, or set something aside ("a person, not a script").
    // "Un vrai humain, c'est possible ?", "Een echt mens, kan dat?": a short question of possibility after it.
    const asksIfPossible = (other: string[]) =>
      sentence.question && other.length <= 4 && other.some((w) => lex.isPolite(w) || lex.isQuestionOpener(w)) && other.every((w) => w === CLAUSE_START || lex.isPolite(w) || lex.isQuestionOpener(w) || POSSIBLE_FILLERS.has(w));
    const othersAllow = clauses.every((other, o) => o === c || other.every(lex.isFiller) || botsIn[o]!.size > 0 || lex.isNegator(other[1] ?? '') || (o > c && asksIfPossible(other)));
    // "Un responsable, tout de suite": a short courtesy or urgency clause right after counts as the same opening.
    const next = clauses[c + 1];
    const opensWithCourtesy = c === 0 && (clause.some(lex.isCourtesy) || (next !== undefined && next.length <= 4 && next.some(lex.isCourtesy)));
    if (othersAllow || opensWithCourtesy) return { family: familyOf(lex, sentence, core, lead.some((p) => p.senior), null, contrast), phrase: clause.slice(1).join(' '), negated: false, rewrites };
  }
  return null;
}
