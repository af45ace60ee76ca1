import type { Sentence } from './chat-text.js';
import type { CompiledGrammar } from './match.js';
import type { Lang } from './turn.js';

/** A locale the turn carries counts as this many function words of its language: a hint, not a verdict. */
const LOCALE_HINT_WEIGHT = 2;

/**
 * The space-separated languages ranked by how many of the text's words are their function words, the
 * turn's locale (`pt-BR` → `pt`) breaking ties. Short chat turns carry few function words, so the rank only
 * decides between grammars that both match; it never stops one from being tried.
 */
export function rankLanguages(grammars: readonly CompiledGrammar[], sentences: readonly Sentence[], locale: string | undefined): CompiledGrammar[] {
  const hint = locale?.split(/[-_]/)[0]?.toLowerCase() as Lang | undefined;
  const scored = grammars.map((g, order) => {
    let score = g.spec.lang === hint ? LOCALE_HINT_WEIGHT : 0;
    for (const s of sentences) for (const clause of s.clauses) for (const token of clause) if (g.isStopword(token)) score++;
    return { g, score, order };
  });
  scored.sort((a, b) => b.score - a.score || Number(b.g.spec.lang === hint) - Number(a.g.spec.lang === hint) || a.order - b.order);
  return scored.map((s) => s.g);
}
