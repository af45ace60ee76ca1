import { getPath } from 'hono/utils/url';

/**
 * The path the relay routes a request by. On the platform API (`/v1/…`) one trailing slash is dropped, so
 * `/v1/sessions/{id}/` reaches `/v1/sessions/{id}` for every method — as the node:http fast path for messages
 * (http/fast-ingest.ts) always did; before, that one route took the slash and every other /v1 route answered 404.
 * Hand-written clients and URL joiners add slashes; a JSON API gains nothing by refusing them. Other prefixes
 * (`/app/v1` for our own app, `/zendesk` for Zendesk, `/health`) keep exact paths: their callers are ours.
 */
export function routingPath(request: Request): string {
  const path = getPath(request);
  return path.length > 4 && path.startsWith('/v1/') && path.endsWith('/') ? path.slice(0, -1) : path;
}
