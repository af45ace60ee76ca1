/**
 * Phrase lookup over token arrays: phrases indexed by their first token, so finding every phrase in a
 * clause costs one map lookup per token plus the few phrases that start with a prefix pattern (`mensch*`).
 */
export interface PhraseSet<T> {
  exact: Map<string, Array<{ tokens: string[]; tag: T }>>;
  prefixed: Array<{ tokens: string[]; tag: T }>;
}

export function tokenMatches(pattern: string, token: string): boolean {
  return pattern.endsWith('*') ? token.startsWith(pattern.slice(0, -1)) : pattern === token;
}

export function createPhraseSet<T>(entries: Array<[string, T]>): PhraseSet<T> {
  const set: PhraseSet<T> = { exact: new Map(), prefixed: [] };
  for (const [phrase, tag] of entries) {
    const tokens = phrase.split(' ').filter(Boolean);
    if (!tokens.length) continue;
    if (tokens[0]!.endsWith('*')) set.prefixed.push({ tokens, tag });
    else {
      const list = set.exact.get(tokens[0]!) ?? [];
      list.push({ tokens, tag });
      set.exact.set(tokens[0]!, list);
    }
  }
  return set;
}

/** The longest phrase of the set that starts at `tokens[i]`: its end (exclusive) and tag, or null. */
export function longestAt<T>(set: PhraseSet<T>, tokens: readonly string[], i: number): { end: number; tag: T } | null {
  let best: { end: number; tag: T } | null = null;
  const consider = (candidates: Array<{ tokens: string[]; tag: T }> | undefined) => {
    for (const c of candidates ?? []) {
      if (i + c.tokens.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < c.tokens.length && ok; k++) ok = tokenMatches(c.tokens[k]!, tokens[i + k]!);
      if (ok && (!best || i + c.tokens.length > best.end)) best = { end: i + c.tokens.length, tag: c.tag };
    }
  };
  consider(set.exact.get(tokens[i]!));
  consider(set.prefixed);
  return best;
}

/** Every phrase of the set that starts at `tokens[i]`. */
export function allAt<T>(set: PhraseSet<T>, tokens: readonly string[], i: number): Array<{ end: number; tag: T }> {
  const found: Array<{ end: number; tag: T }> = [];
  for (const c of [...(set.exact.get(tokens[i]!) ?? []), ...set.prefixed]) {
    if (i + c.tokens.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < c.tokens.length && ok; k++) ok = tokenMatches(c.tokens[k]!, tokens[i + k]!);
    if (ok) found.push({ end: i + c.tokens.length, tag: c.tag });
  }
  return found;
}

/** A set of single words, some of them prefix patterns. */
export function createWordSet(words: string): (token: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const w of words.split(/\s+/).filter(Boolean)) (w.endsWith('*') ? prefixes.push(w.slice(0, -1)) : exact.add(w));
  return (token) => exact.has(token) || prefixes.some((p) => token.startsWith(p));
}
