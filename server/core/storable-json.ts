/**
 * What PostgreSQL (text and jsonb) and JSON itself cannot hold, found before anything tries to store it:
 * NUL (`\u0000`: text refuses the byte, jsonb refuses the escape) and unpaired UTF-16 surrogates (jsonb
 * refuses `"\ud800"`; UTF-8 has no encoding for them). Depth and object width are bounded too, so no
 * later recursion (zod, JSON.stringify, the jsonb parser) can overflow a stack on a client's document.
 * The walk is iterative on purpose: it is the guard against deep documents, so it must not recurse.
 */

/** Deeper than any document Baton defines (rules nest a few levels; metadata is free-form but small). */
export const MAX_JSON_DEPTH = 32;
/** Far above any object Baton defines; bounds per-object work on hostile documents. */
export const MAX_JSON_OBJECT_KEYS = 1_000;

export type UnstorableKind = 'invalid_characters' | 'too_deep' | 'too_many_keys';

export interface UnstorableProblem {
  kind: UnstorableKind;
  /** Dotted path of the offending value (`transcript.0.text`); a bad key is shown escaped. */
  path: string;
  message: string;
}

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasUnstorableCharacters(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** Makes a key printable in an error message without repeating the characters that made it bad. */
export function printablePathSegment(segment: string): string {
  return segment.replace(/[\u0000-\u001f\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const joinPath = (segments: readonly string[]) => segments.map(printablePathSegment).join('.');

export function findUnstorable(
  value: unknown,
  limits: { maxDepth: number; maxObjectKeys: number } = { maxDepth: MAX_JSON_DEPTH, maxObjectKeys: MAX_JSON_OBJECT_KEYS },
): UnstorableProblem | undefined {
  // One frame per open container, so memory grows with depth (bounded), never with width.
  interface Frame { entries: readonly (readonly [string, unknown])[] | readonly unknown[]; isArray: boolean; next: number; key: string }
  const frames: Frame[] = [];
  const pathTo = (last?: string) => [...frames.slice(1).map((f) => f.key), ...(last === undefined ? [] : [last])];
  const visit = (child: unknown, key: string | undefined): UnstorableProblem | undefined => {
    if (typeof child === 'string') {
      if (!hasUnstorableCharacters(child)) return undefined;
      const path = pathTo(key);
      return { kind: 'invalid_characters', path: joinPath(path), message: `${where(path)}contains NUL (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored` };
    }
    if (child === null || typeof child !== 'object') return undefined;
    const path = pathTo(key);
    if (frames.length + 1 > limits.maxDepth) {
      return { kind: 'too_deep', path: joinPath(path), message: `${where(path)}JSON nested deeper than ${limits.maxDepth} levels` };
    }
    if (Array.isArray(child)) {
      frames.push({ entries: child, isArray: true, next: 0, key: key ?? '' });
      return undefined;
    }
    const keys = Object.keys(child);
    if (keys.length > limits.maxObjectKeys) {
      return { kind: 'too_many_keys', path: joinPath(path), message: `${where(path)}object has more than ${limits.maxObjectKeys} keys` };
    }
    const bad = keys.find(hasUnstorableCharacters);
    if (bad !== undefined) {
      const keyPath = [...path, bad];
      return { kind: 'invalid_characters', path: joinPath(keyPath), message: `${where(keyPath)}key contains NUL (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored` };
    }
    frames.push({ entries: keys.map((k) => [k, (child as Record<string, unknown>)[k]] as const), isArray: false, next: 0, key: key ?? '' });
    return undefined;
  };
  const first = visit(value, undefined);
  if (first) return first;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.entries.length) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const problem = frame.isArray
      ? visit(frame.entries[index], String(index))
      : visit((frame.entries[index] as readonly [string, unknown])[1], (frame.entries[index] as readonly [string, unknown])[0]);
    if (problem) return problem;
  }
  return undefined;
}

function where(path: readonly string[]): string {
  return path.length > 0 ? `${joinPath(path)}: ` : '';
}
