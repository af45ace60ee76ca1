import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { BatonError } from '../core/errors.js';
import { findUnstorable, hasUnstorableCharacters, printablePathSegment, type UnstorableProblem } from '../core/storable-json.js';

/**
 * The HTTP side of `core/storable-json`: every client value (URL path, query, JSON body) is checked
 * before a handler can hand it to zod or the database, so what PostgreSQL or JSON cannot hold is a 422
 * naming the field instead of a 500 from deep inside a query.
 */
export function unstorableError(problem: UnstorableProblem, prefix = ''): BatonError {
  const path = prefix && problem.path ? `${prefix}.${problem.path}` : prefix || problem.path;
  const code = problem.kind === 'invalid_characters' ? 'invalid_characters' : 'json_too_complex';
  const message = !prefix ? problem.message : problem.path ? `${prefix}.${problem.message}` : `${prefix}: ${problem.message}`;
  return new BatonError(code, message, { issues: [{ path, code: problem.kind, message }] });
}

/** Throws the 422 for the first value in a parsed JSON document that cannot be stored. */
export function assertStorable(value: unknown, prefix = ''): void {
  const problem = findUnstorable(value);
  if (problem) throw unstorableError(problem, prefix);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not valid percent-encoded UTF-8: it stays as sent, which PostgreSQL can hold
  }
}

/** `/v1/sessions/%00`, `?conversationId=%00`: refused for every route, before any lookup. */
export function assertStorableUrl(rawUrl: string): void {
  const url = new URL(rawUrl);
  for (const segment of url.pathname.split('/')) {
    if (hasUnstorableCharacters(decodeSegment(segment))) {
      throw unstorableError({ kind: 'invalid_characters', path: 'path', message: 'path: the URL path contains NUL (\\u0000), which cannot be stored' });
    }
  }
  for (const [key, value] of url.searchParams) {
    if (hasUnstorableCharacters(key) || hasUnstorableCharacters(value)) {
      const name = `query.${printablePathSegment(key)}`;
      throw unstorableError({ kind: 'invalid_characters', path: name, message: `${name}: contains NUL (\\u0000), which cannot be stored` });
    }
  }
}

export const storableUrl = () =>
  createMiddleware(async (c, next) => {
    assertStorableUrl(c.req.url);
    await next();
  });

/**
 * For routes whose bodies are parsed later (zod validators, `c.req.json()` in handlers): parse once
 * here and check. A body that is not JSON is left to the route, which answers `invalid_json` itself.
 */
export const storableJsonBody = () =>
  createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.raw.body) {
      const parsed = await c.req.json().then((v: unknown) => ({ v }), () => undefined);
      if (parsed) assertStorable(parsed.v);
    }
    await next();
  });

/** A handler's own body read: JSON or `invalid_json`, and storable or 422. */
export async function readJsonBody(c: Context, options: { empty?: unknown } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '' && 'empty' in options) return options.empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BatonError('invalid_json');
  }
  assertStorable(value);
  return value;
}
