import type { Context, Hono } from 'hono';
import { errorBody } from './errors.js';

/** The order `Allow` lists methods in; HEAD follows GET because Hono answers HEAD with the GET route. */
const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The app's not-found answer: 405 `method_not_allowed` with `Allow` when the path has routes for other methods
 * (RFC 9110 §15.5.6), else 404 `not_found`. It asks the app's own router, so "the path has a route" means exactly
 * what routing means (parameters; a trailing slash only on /v1, http/routing-path.ts). Only requests nothing answered get here: the node:http
 * fast paths and every routed request never pay for it, and CORS preflights are answered by the cors middleware first.
 */
export function createNotFoundHandler(app: Hono<any, any, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  // Read on the first miss, when every route is registered (routes are added while the app is built).
  let routedMethods: string[] | undefined;
  const allowedOn = (path: string): string[] => {
    routedMethods ??= [...new Set(app.routes.map((r) => r.method).filter((m) => m !== 'ALL'))];
    // Middleware (`use`) is registered as ALL and matches every method: only a route of that very method counts.
    const allowed = new Set(routedMethods.filter((m) => app.router.match(m, path)[0].some(([[, route]]) => route.method === m)));
    if (allowed.has('GET')) allowed.add('HEAD');
    return [...allowed].sort((a, b) => rank(a) - rank(b));
  };
  return (c: Context) => {
    const allow = allowedOn(c.req.path);
    // The method itself routed (a handler passed the request on): there is no other method to offer.
    if (allow.length === 0 || allow.includes(c.req.method)) {
      return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
    }
    return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(', ')}.`), 405, {
      allow: allow.join(', '),
    });
  };
}

const rank = (method: string) => {
  const i = ALLOW_ORDER.indexOf(method);
  return i === -1 ? ALLOW_ORDER.length : i;
};
