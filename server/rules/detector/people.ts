import type { Sentence } from './chat-text.js';
import type { Lexicon } from './lexicon.js';
import { longestAt } from './phrases.js';
import { rewriteClause } from './rewrite.js';

export interface Span { start: number; end: number }
/** A person a cue may reach: someone senior, a team, or anyone else. */
export type Found = Span & { senior: boolean; dept: boolean };

/** A bare ask may name the team after its person: "someone from the billing department" (fillers not counted). */
export const BARE_TEAM_WORDS = 2;

/** Person spans of a clause; "my manager", "travel agent" and "become an agent" are left out. `pronouns`: read them as a team is read. */
export function findPeople(lex: Lexicon, t: readonly string[], pronouns = false): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < t.length; i++) {
    // Like a team, a pronoun is reached only by routing and talking: "talk to them", not "I want them fired".
    if (pronouns && lex.isPronoun(t[i]!)) {
      found.push({ start: i, end: i + 1, senior: false, dept: true });
      continue;
    }
    const hit = longestAt(lex.people, t, i);
    if (!hit) continue;
    if (hit.tag !== 'not') {
      let k = i - 1;
      while (k >= 0 && lex.isFiller(t[k]!) && !lex.isPossessive(t[k]!)) k--;
      // "the agent's name": a person owning something is not the one asked for.
      const owner = t[hit.end] === 's' && lex.spec.lang === 'en';
      let end = hit.end;
      // "someone from your team", "alguém da equipe": the person and the team are one, so a cue reaches both.
      if (hit.tag !== 'dept' && end < t.length && lex.isQualifier(t[end]!)) {
        for (let j = end + 1, words = 0; j < t.length && words < BARE_TEAM_WORDS; j++) {
          const team = longestAt(lex.people, t, j);
          if (team?.tag === 'dept') {
            end = team.end;
            break;
          }
          if (!lex.isFiller(t[j]!)) words++;
        }
      }
      // "I want to be an agent", "Mitarbeiter werden": a predicate says what someone is, it asks for nobody.
      const predicate = (k >= 0 && lex.isCopulaBefore(t[k]!)) || lex.isCopulaAfter(t[hit.end] ?? '');
      if (!owner && !predicate && !(k >= 0 && lex.isPossessive(t[k]!))) found.push({ start: i, end, senior: hit.tag === 'senior', dept: hit.tag === 'dept' });
      i = end - 1;
      continue;
    }
    i = hit.end - 1;
  }
  return found;
}

/** Does the sentence name someone the customer may be served by (for a pronoun in the next one)? */
export function namesPerson(lex: Lexicon, sentence: Sentence): boolean {
  return sentence.clauses.some((c) => findPeople(lex, rewriteClause(lex, c, [])).some((p) => !p.dept));
}
