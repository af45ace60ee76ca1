/**
 * Phrase lookup over token arrays: phrases indexed by their first token, so finding every phrase in a
 * clause costs one map lookup per token plus the few phrases that start with a prefix pattern (`mensch*`).
 */
interface Pattern { word: string; prefix: boolean }
interface Entry<T> { tokens: Pattern[]; tag: T }
export interface PhraseSet<T> {
  exact: Map<string, Array<Entry<T>>>;
  /** Phrases whose first word is a prefix pattern, by that word's first letter. */
  prefixed: Map<number, Array<Entry<T>>>;
}

const NONE: never[] = [];

const pattern = (p: string): Pattern => (p.endsWith('*') ? { word: p.slice(0, -1), prefix: true } : { word: p, prefix: false });

export function createPhraseSet<T>(entries: Array<[string, T]>): PhraseSet<T> {
  const set: PhraseSet<T> = { exact: new Map(), prefixed: new Map() };
  for (const [phrase, tag] of entries) {
    const tokens = phrase.split(' ').filter(Boolean).map(pattern);
    if (!tokens.length) continue;
    if (tokens[0]!.prefix) {
      const list = set.prefixed.get(tokens[0]!.word.charCodeAt(0)) ?? [];
      list.push({ tokens, tag });
      set.prefixed.set(tokens[0]!.word.charCodeAt(0), list);
    } else {
      const list = set.exact.get(tokens[0]!.word) ?? [];
      list.push({ tokens, tag });
      set.exact.set(tokens[0]!.word, list);
    }
  }
  return set;
}

function startsAt(phrase: readonly Pattern[], tokens: readonly string[], i: number): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const p = phrase[k]!;
    const t = tokens[i + k]!;
    if (p.prefix ? !t.startsWith(p.word) : p.word !== t) return false;
  }
  return true;
}

/** The longest phrase of the set that starts at `tokens[i]`: its end (exclusive) and tag, or null. */
export function longestAt<T>(set: PhraseSet<T>, tokens: readonly string[], i: number): { end: number; tag: T } | null {
  let best: Entry<T> | null = null;
  const exact = set.exact.get(tokens[i]!);
  if (exact) for (const c of exact) if ((!best || c.tokens.length > best.tokens.length) && startsAt(c.tokens, tokens, i)) best = c;
  for (const c of set.prefixed.get(tokens[i]!.charCodeAt(0)) ?? NONE) if ((!best || c.tokens.length > best.tokens.length) && startsAt(c.tokens, tokens, i)) best = c;
  return best ? { end: i + best.tokens.length, tag: best.tag } : null;
}

/** Every phrase of the set that starts at `tokens[i]`, appended to `into`. */
export function allAt<T>(set: PhraseSet<T>, tokens: readonly string[], i: number, into: Array<{ end: number; tag: T }>): Array<{ end: number; tag: T }> {
  const exact = set.exact.get(tokens[i]!);
  if (exact) for (const c of exact) if (startsAt(c.tokens, tokens, i)) into.push({ end: i + c.tokens.length, tag: c.tag });
  for (const c of set.prefixed.get(tokens[i]!.charCodeAt(0)) ?? NONE) if (startsAt(c.tokens, tokens, i)) into.push({ end: i + c.tokens.length, tag: c.tag });
  return into;
}

/** A set of single words, some of them prefix patterns. */
export function createWordSet(words: string): (token: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const w of words.split(/\s+/).filter(Boolean)) (w.endsWith('*') ? prefixes.push(w.slice(0, -1)) : exact.add(w));
  if (!prefixes.length) return (token) => exact.has(token);
  return (token) => {
    if (exact.has(token)) return true;
    for (const p of prefixes) if (token.startsWith(p)) return true;
    return false;
  };
}

/** Every phrase of the set anywhere in the tokens, as spans (overlapping ones included). */
export function findSpans<T>(set: PhraseSet<T>, tokens: readonly string[]): Array<{ start: number; end: number; tag: T }> {
  const found: Array<{ start: number; end: number; tag: T }> = [];
  const at: Array<{ end: number; tag: T }> = [];
  for (let i = 0; i < tokens.length; i++) {
    at.length = 0;
    for (const hit of allAt(set, tokens, i, at)) found.push({ start: i, end: hit.end, tag: hit.tag });
  }
  return found;
}
