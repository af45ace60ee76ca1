import { RE2JS } from 're2js';
import { containsPhrase, normalizeText } from './normalize.js';
import type { Operator } from './schema.js';

/** Bounds that keep `matches` cheap whatever an admin types (RE2 is linear-time; these cap the constants). */
export const MAX_PATTERN_CHARS = 200;
export const MAX_MATCH_INPUT_CHARS = 4_000;
/**
 * RE2 is linear in the input, but the factor is the compiled program's size, and a short pattern can compile to
 * thousands of instructions ("(.*){1000}": 10 characters, 4,002 instructions, about a second per 4,000-character
 * message, on the event loop, for every turn). Every pattern admins write for words, order numbers or e-mail
 * addresses stays far below this bound (`.{200}` is 202).
 */
export const MAX_PATTERN_INSTRUCTIONS = 300;

// Refusals are kept too: a pattern stored before a bound existed is evaluated on every customer message, and
// compiling "(a|aa|aaa|aaaa|b){1000}z" only to refuse it again took ~10 ms of the event loop each time.
const compiled = new Map<string, RE2JS | Error>();
export function compilePattern(pattern: string): RE2JS {
  if (pattern.length > MAX_PATTERN_CHARS) throw new Error(`pattern longer than ${MAX_PATTERN_CHARS} characters`);
  let re = compiled.get(pattern);
  if (!re) {
    re = compileBounded(pattern);
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(pattern, re);
  }
  if (re instanceof Error) throw re;
  return re;
}

function compileBounded(pattern: string): RE2JS | Error {
  try {
    const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (re.programSize() <= MAX_PATTERN_INSTRUCTIONS) return re;
    return new Error(`pattern too costly to run on every message (${re.programSize()} steps, at most ${MAX_PATTERN_INSTRUCTIONS}: use smaller repeat counts)`);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * One side text, the other a JSON number or yes/no: the rules editor writes every value of a `customer.*`,
 * `metadata.*` or `trigger.payload.*` field as text ("250", "true"), while the platform sends that attribute as
 * JSON (`250`, `true`), so "is" compares them by value rather than never matching.
 */
function textEqualsScalar(text: string, other: unknown): boolean {
  if (typeof other === 'number') return text.trim() !== '' && Number(text) === other;
  if (typeof other === 'boolean') return normalizeText(text) === String(other);
  return false;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return normalizeText(a) === normalizeText(b);
  if (typeof a === 'string') return textEqualsScalar(a, b);
  if (typeof b === 'string') return textEqualsScalar(b, a);
  return a === b;
}

/** Applies one operator; throws on data it cannot compare (the evaluator records it in the trace). */
export function applyOperator(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'present':
      return actual !== undefined && actual !== null && actual !== '';
    case 'not_present':
      return actual === undefined || actual === null || actual === '';
    case 'is':
      return same(actual, expected);
    case 'is_not':
      return !same(actual, expected);
    case 'contains':
    case 'not_contains': {
      const phrases = Array.isArray(expected) ? expected.map(String) : [String(expected ?? '')];
      const hit = typeof actual === 'string' && phrases.some((p) => containsPhrase(actual, p));
      return op === 'contains' ? hit : !hit;
    }
    case 'matches':
      return typeof actual === 'string' && compilePattern(String(expected ?? '')).matcher(actual.slice(0, MAX_MATCH_INPUT_CHARS)).find();
    case 'less_than':
    case 'greater_than': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return op === 'less_than' ? actual < expected : actual > expected;
    }
    case 'includes': {
      const wanted = Array.isArray(expected) ? expected : [expected];
      const have = Array.isArray(actual) ? actual : [actual];
      return wanted.some((w) => have.some((h) => same(h, w)));
    }
  }
}
