import type { RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { BatonError } from '../core/errors.js';

/** The one answer for a request sent without a body to a route that needs one (fast path and app alike). */
export const NO_BODY_MESSAGE = 'This request needs a JSON body; none was sent.';

/** Whether a request carries body bytes, judged from its headers before anything is read. */
export const declaresBody = (headers: { contentLength: string | undefined; transferEncoding: string | undefined }) =>
  Number(headers.contentLength ?? 0) > 0 || headers.transferEncoding !== undefined;

interface BodyRule {
  method: string;
  pattern: RegExp;
  required: boolean;
}

/** `/v1/sessions/{id}/end` → a pattern for one concrete path. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/**
 * Before this, a request without a body got whatever its route's parser made of nothing: 422 listing every field
 * (handoffs, evaluate), 400 invalid_json (rules), 415 (messages, for lack of a Content-Type), 200 (a PATCH read it as
 * "change nothing"), and the optional body of POST …/end failed as invalid JSON when a client's default header said
 * `application/json`. Now the document decides: a route whose body is `required` answers 400 `invalid_json` saying
 * none was sent; an optional one reads no body as `{}`, whatever the Content-Type.
 */
export function bodyPresence(documentedRoutes: () => ReadonlyArray<{ type: string; route?: RouteConfig }>) {
  // Read on the first request, when every route is documented (routes are added while the app is built).
  let rules: BodyRule[] | undefined;
  const ruleFor = (method: string, path: string) => {
    rules ??= documentedRoutes().flatMap((d) =>
      d.type === 'route' && d.route?.request?.body
        ? [{ method: d.route.method.toUpperCase(), pattern: patternOf(d.route.path), required: d.route.request.body.required === true }]
        : [],
    );
    return rules.find((r) => r.method === method && r.pattern.test(path));
  };
  return createMiddleware(async (c, next) => {
    if (declaresBody({ contentLength: c.req.header('content-length'), transferEncoding: c.req.header('transfer-encoding') })) return next();
    const rule = ruleFor(c.req.method, c.req.path);
    if (!rule) return next();
    if (rule.required) throw new BatonError('invalid_json', NO_BODY_MESSAGE);
    // The route's validator parses a body whenever the Content-Type says JSON; an absent one is no body, not bad JSON.
    // `c.req.json()` parses the cached text promise (hono/request; typed as the Body method, stored as its result),
    // so that is what stands in for the missing body. request-body-presence.test.ts fails if Hono stops reading it.
    // Only then: without a Content-Type the validator takes `{}` itself, and a cached text would count as a body (415).
    if (c.req.header('content-type') !== undefined) (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
    await next();
  });
}
