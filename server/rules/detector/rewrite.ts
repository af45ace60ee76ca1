import { CLAUSE_START, type Lexicon } from './lexicon.js';

/** A clause in standard words, opened by CLAUSE_START; each chat spelling rewritten is noted in `used` ("pls → please"). */
export function rewriteClause(lex: Lexicon, clause: readonly string[], used: string[]): string[] {
  const out: string[] = [CLAUSE_START];
  for (const token of clause) {
    const whole = lex.rewrites.get(token);
    if (whole !== undefined) {
      used.push(`${token} → ${lex.spec.rewrites[token]}`);
      out.push(...whole);
    } else if (!token.includes("'")) {
      out.push(token);
    } else {
      // Elisions and contractions not listed whole ("j'veux", "qu'un") are rewritten part by part.
      for (const part of token.split("'")) {
        const r = lex.rewrites.get(part);
        if (r !== undefined) used.push(`${part} → ${lex.spec.rewrites[part]}`);
        if (r !== undefined) out.push(...r);
        else if (part) out.push(part);
      }
    }
  }
  return out;
}
