/**
 * Chat text → sentences → clauses → tokens, the way customers type: case, accents, stretched letters
 * ("pleeease", "humannnn") and punctuation runs do not matter. Every step is one linear pass.
 */
export interface Sentence {
  /** Comma-separated parts, each a list of tokens ("kein bot, ich will nen menschen" → two clauses). */
  clauses: string[][];
  /** Ended with a question mark. */
  question: boolean;
}

/** Longest text looked at: a request for a person is never buried 2,000 characters deep. */
export const MAX_CHARS = 2_000;

export function foldText(text: string): string {
  return text
    .slice(0, MAX_CHARS)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    // Three or more of the same letter are a stretched one: "humannnn" → "human", "pleeease" → "please".
    .replace(/(\p{L})\1{2,}/gu, '$1');
}

// Words keep inner apostrophes ("don't", "j'veux", "c'e") so each language can expand its own elisions.
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /([.!?;\n¡¿…]+)/;

export function splitSentences(text: string): Sentence[] {
  const folded = foldText(text);
  const out: Sentence[] = [];
  // The capturing split keeps each sentence's end mark, so a sentence knows whether it was a question.
  const pieces = folded.split(SENTENCE_END);
  for (let i = 0; i < pieces.length; i += 2) {
    const body = pieces[i] ?? '';
    const end = pieces[i + 1] ?? '';
    const clauses = body.split(/[,:()"«»“”]+| - /).map((c) => c.match(TOKEN) ?? []).filter((c) => c.length > 0);
    if (clauses.length) out.push({ clauses, question: end.includes('?') });
  }
  return out;
}
