import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { createDatabaseReachability, type DatabaseReachability } from '../db/reachability.js';
import { apiKeyAuth, createApiKeyAuthenticator, type AuthEnv } from './auth.js';
import { bodyPresence, declaresBody } from './body-presence.js';
import { createFastIngestHandler } from './fast-ingest.js';
import { createNotFoundHandler } from './method-not-allowed.js';
import { nodeBodyLimit } from './node-body.js';
import { bearerMatches } from './metrics-auth.js';
import { createMessageIngest } from '../relay/message-ingest.js';
import { createErrorHandler, errorBody, validationDetails, validationMessage } from './errors.js';
import { registerOpenApi } from './openapi.js';
import { routingPath } from './routing-path.js';
import { storableJsonBody, storableUrl } from './storable-input.js';
import { MAX_BODY_BYTES, maxBodyBytesFor } from './body-limits.js';
import { registerHandoffRoutes } from './routes/handoffs.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerInsightsRoutes } from './routes/insights.js';
import { registerRuleRoutes, type BusinessHoursFor } from './routes/rules.js';
import { registerWaitingRoutes, type SchedulesFor } from './routes/waiting.js';
import type { RateLimits } from './rate-limits.js';

export { MAX_BODY_BYTES };

export interface AppDeps {
  /** The account's business hours for the rules' `business_hours` field (runtime: Zendesk schedules, cached). */
  businessHoursFor?: BusinessHoursFor;
  /** The account's Zendesk schedules (cached), listed with the waiting settings. */
  schedulesFor?: SchedulesFor;
  db: Database;
  log: Logger;
  /** The process's tracker (runtime.ts), so an outage the API meets is the same one line the outbox logs. */
  reachability?: DatabaseReachability;
  /** Called after a commit that enqueued deliveries, so the local worker starts at once. */
  onCommitted?: () => void;
  /** Called once per new session (not for replays or the open session of a conversation). */
  onHandoff?: (reasonCode: string) => void;
  /** Prometheus text for GET /metrics. */
  renderMetrics?: () => Promise<string>;
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined;
  /** Failed-authentication and per-key request limits (server/http/rate-limits.ts). */
  limits: RateLimits;
  /** Reverse proxies whose X-Forwarded-For entries are trusted for the client's address. */
  trustProxyHops: number;
  /** Extra route groups (Zendesk webhooks, the app API) mounted by other modules. */
  extend?: (app: OpenAPIHono) => void;
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({
    getPath: routingPath,
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody('validation_failed', validationMessage(result.error), validationDetails(result.error)), 422);
      }
    },
  });
  const onCommitted = deps.onCommitted ?? (() => {});
  const authenticate = createApiKeyAuthenticator(deps.db, deps.limits);
  const ingest = createMessageIngest(deps.db, onCommitted);
  const reporting = { log: deps.log, reachability: deps.reachability ?? createDatabaseReachability(deps.log) };
  app.onError(createErrorHandler(reporting.log, reporting.reachability));
  app.notFound(createNotFoundHandler(app));
  // Before any route: a NUL in the path or query (`/v1/sessions/%00`) must never reach a lookup.
  app.use('*', storableUrl());
  // Streaming cap for bodies without a Content-Length (a declared one was judged in http/body-guard.ts).
  // /v1 caps after authentication, below, so anonymous clients cannot make it buffer.
  const tooLarge = () => {
    throw new BatonError('payload_too_large');
  };
  // Zendesk's webhooks (two per agent reply) read their bodies from Node's request, not the Fetch body (http/node-body.ts).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/v1/')) return next();
    if (c.req.path.startsWith('/zendesk/webhooks/')) return nodeBodyLimit(maxBodyBytesFor(c.req.path))(c, next);
    return bodyLimit({ maxSize: maxBodyBytesFor(c.req.path), onError: tooLarge })(c, next);
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', async (c) => {
    if (!deps.renderMetrics) throw new BatonError('not_found');
    if (deps.metricsToken !== undefined && !bearerMatches(c.req.header('authorization'), deps.metricsToken)) {
      return c.json(errorBody('invalid_metrics_token'), 401, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    return c.text(await deps.renderMetrics(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  app.get('/ready', async (c) => {
    try {
      await deps.db.query('SELECT 1');
      // A relay that only serves HTTP (WORKERS=off) runs no outbox or job that would notice the database is back.
      reporting.reachability.reached();
      return c.json({ status: 'ready', database: deps.db.kind });
    } catch (error) {
      reporting.reachability.failed(error, 'ready');
      return c.json({ status: 'unavailable', database: deps.db.kind }, 503);
    }
  });

  const v1 = new OpenAPIHono<AuthEnv>({ defaultHook: app.defaultHook as never });
  v1.use('/v1/*', apiKeyAuth(authenticate, deps.trustProxyHops));
  v1.use('/v1/*', async (c, next) => bodyLimit({ maxSize: maxBodyBytesFor(c.req.path), onError: tooLarge })(c, next));
  v1.use('/v1/*', async (c, next) => {
    const type = c.req.header('content-type');
    const hasBody = declaresBody({ contentLength: c.req.header('content-length'), transferEncoding: c.req.header('transfer-encoding') });
    if (hasBody && !/^application\/(.+\+)?json\b/i.test(type ?? '')) throw new BatonError('unsupported_media_type');
    await next();
  });
  // After authentication, so an anonymous client cannot make the relay parse megabytes.
  v1.use('/v1/*', storableJsonBody());
  v1.use('/v1/*', bodyPresence(() => v1.openAPIRegistry.definitions as never));
  registerHandoffRoutes(v1, deps.db, (reason) => {
    onCommitted();
    deps.onHandoff?.(reason);
  });
  registerSessionRoutes(v1, deps.db, onCommitted);
  registerMessageRoutes(v1, ingest);
  registerRuleRoutes(v1, deps.db, onCommitted, deps.businessHoursFor);
  registerWaitingRoutes(v1, deps.db, deps.schedulesFor);
  registerInsightsRoutes(v1, deps.db);
  app.route('/', v1);

  deps.extend?.(app);
  registerOpenApi(app, v1);
  return { app, fastIngest: createFastIngestHandler(authenticate, ingest, deps.trustProxyHops, reporting), forgetApiKeys: authenticate.forget };
}
