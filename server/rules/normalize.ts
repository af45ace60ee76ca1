/** Lowercase, strip accents (é → e), unify apostrophes and collapse spaces: "Hablar con un AGENTE  humano" → "hablar con un agente humano". */
const normalized = new Map<string, string>();

export function normalizeText(text: string): string {
  // Rules compare the same few strings (the turn's text, the rules' values) over and over.
  const hit = normalized.get(text);
  if (hit !== undefined) return hit;
  const result = normalizeUncached(text);
  if (normalized.size > 5_000) normalized.clear();
  normalized.set(text, result);
  return result;
}

function normalizeUncached(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Words of a normalized text (letters and digits in any script; CJK text is kept as one run per script block).
 * An elision is two words, the apostrophe kept on the first ("l'avocat" → "l'", "avocat"): French and Italian
 * write the article onto the noun, and "contains avocat" must find "l'avocat" ("don't" stays "don'", "t", so
 * "contains don" does not match it). Quote marks around a word are not part of it.
 */
export function words(normalized: string): string[] {
  return normalized
    .split(/[^\p{L}\p{N}']+/u)
    .flatMap((w) => w.replace(/^'+|'+$/g, '').split(/(?<=')(?=[\p{L}\p{N}])/u))
    .filter(Boolean);
}

// One evaluation checks the same message against many phrases: keep its normalized forms at hand.
let lastText = '';
let lastNormalized = '';
let lastPadded = ' ';
const phraseCache = new Map<string, { normalized: string; padded: string; cjk: boolean }>();
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Word-aware "contains": the phrase appears on word boundaries (CJK has no spaces, so plain substring there). */
export function containsPhrase(text: string, phrase: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastNormalized = normalizeText(text);
    lastPadded = ` ${words(lastNormalized).join(' ')} `;
  }
  let p = phraseCache.get(phrase);
  if (!p) {
    const normalized = normalizeText(phrase);
    p = { normalized, padded: ` ${words(normalized).join(' ')} `, cjk: CJK.test(normalized) };
    if (phraseCache.size > 5_000) phraseCache.clear();
    phraseCache.set(phrase, p);
  }
  if (!p.normalized) return false;
  return p.cjk ? lastNormalized.includes(p.normalized) : lastPadded.includes(p.padded);
}
