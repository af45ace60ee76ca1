/** Lowercase, strip accents (é → e), unify apostrophes and collapse spaces: "Hablar con un AGENTE  humano" → "hablar con un agente humano". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalized text (letters and digits in any script; CJK text is kept as one run per script block). */
export function words(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
}

/** Word-aware "contains": the phrase appears on word boundaries (CJK has no spaces, so plain substring there). */
export function containsPhrase(text: string, phrase: string): boolean {
  const t = normalizeText(text);
  const p = normalizeText(phrase);
  if (!p) return false;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(p)) return t.includes(p);
  return ` ${words(t).join(' ')} `.includes(` ${words(p).join(' ')} `);
}
