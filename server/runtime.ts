import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { countStatements } from './db/counted.js';
import { openDatabase } from './db/open.js';
import { findUnknownMigrations, schemaAheadWarning } from './db/schema-ahead.js';
import { prepareDataDir, restrictUmask, tightenTree } from './db/data-dir.js';
import type { HelpdeskResolver } from './helpdesk/helpdesk.js';
import { createApp } from './http/app.js';
import { guardRequestBody } from './http/body-guard.js';
import { trackRequestsForClose } from './http/graceful-close.js';
import { createLogger } from './log.js';
import { listenFailure } from './startup-errors.js';
import { loadMasterKey } from './master-key.js';
import { checkAdminSocketPath, serveAdminSocket } from './cli/admin-socket.js';
import { createRelayHandlers } from './outbox/relay-handlers.js';
import { createBusinessHoursLookup, createScheduleCache } from './outbox/schedule-cache.js';
import { findWaitingSettings } from './store/waiting.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './outbox/worker.js';
import { createAttachmentFetcher } from './zendesk/fetch-attachment.js';
import { createZendeskResolver } from './zendesk/resolver.js';
import { releaseAllLeases } from './store/deliveries.js';
import { verifyMasterKey } from './store/master-key-check.js';
import { createZendeskWebhookHandler, registerZendeskWebhookRoute } from './zendesk/webhook-route.js';
import { createFastZendeskWebhook, WEBHOOK_AUTH_FAILURES } from './zendesk/webhook-fast-path.js';
import { registerOAuthRoutes } from './zendesk/oauth-routes.js';
import { createInsightsRoller } from './insights/roller.js';
import { createReconciler } from './zendesk/reconciler.js';
import { createRetentionJob } from './zendesk/retention-job.js';
import { registerAppApi, type AppApiDeps } from './app-api/routes.js';
import { createMetrics } from './metrics/metrics.js';
import { createDatabaseReachability } from './db/reachability.js';
import { createRateLimits } from './http/rate-limits.js';
import { limitAuthFailures } from './http/auth-failure-limit.js';
import { decodeJwt } from 'jose';

/** The tenant an app JWT names (unverified: it only picks the failure counter). */
function appTokenTenant(c: { req: { header(name: string): string | undefined } }): string | undefined {
  try {
    const tenant = decodeJwt(/^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '').tenant;
    return typeof tenant === 'string' ? tenant : undefined;
  } catch {
    return undefined;
  }
}

/** How long a stop waits for requests in flight to be answered before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** A customer's file that does not arrive within this time stays a link in the comment. */
const ATTACHMENT_FETCH_TIMEOUT_MS = 15_000;

export interface Relay {
  url: string;
  db: Database;
  masterKey: Buffer;
  worker: OutboxWorker | undefined;
  reconciler: ReturnType<typeof createReconciler> | undefined;
  retention: ReturnType<typeof createRetentionJob> | undefined;
  log: Logger;
  stop(): Promise<void>;
}

export interface RelayOverrides {
  log?: Logger;
  helpdeskFor?: HelpdeskResolver;
  worker?: Partial<Pick<OutboxWorkerOptions, 'pollIntervalMs' | 'leaseMs' | 'random' | 'onSettled' | 'retryPolicy'>>;
  /** Tests shorten the stream token's life to see streams close at expiry. */
  appApi?: Pick<AppApiDeps, 'streamTokenTtlMs' | 'maxStreamsPerToken'>;
  /** The clock business hours and waiting due times are computed with. */
  now?: () => Date;
}

/** Opens the database, starts the HTTP server and the outbox worker; `stop()` drains both. */
export async function startRelay(config: Config, overrides: RelayOverrides = {}): Promise<Relay> {
  const log = overrides.log ?? createLogger(config.logLevel);
  // Before anything is written: the embedded database, the generated master key and the admin socket
  // live in DATA_DIR and are for the relay's user alone.
  restrictUmask();
  const usesDataDir = !config.databaseUrl;
  if (usesDataDir) {
    checkAdminSocketPath(config.dataDir);
    prepareDataDir(config.dataDir);
  }
  const { key: masterKey, source, description } = loadMasterKey(config);
  if (source === 'generated') log.warn({ dataDir: config.dataDir }, 'generated a master key into DATA_DIR; set MASTER_KEY in production');
  const { db, counts: statementCounts } = countStatements(await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.databaseConnectTimeoutMs, queryTimeoutMs: config.databaseQueryTimeoutMs }));
  const checkDatabase = async () => {
    await verifyMasterKey(db, masterKey, description);
    const unknownMigrations = await findUnknownMigrations(db);
    if (unknownMigrations.length > 0) log.warn({ unknownMigrations: unknownMigrations.map((m) => m.version) }, schemaAheadWarning(unknownMigrations));
  };
  await checkDatabase().catch(async (error: unknown) => {
    await db.close(); // releases the data-dir lock before the process exits
    throw error;
  });
  // The data-dir lock proves no other process works this embedded database: claims left by a crashed
  // predecessor can be released now instead of waiting out their lease.
  if (db.kind === 'pglite') await releaseAllLeases(db);
  const metrics = createMetrics(db, statementCounts);
  // One per process: the worker, every periodic job and the HTTP API report to it, so an outage is one line in the log.
  const reachability = createDatabaseReachability(log);
  // Attachments at 0 bytes: links only, nothing downloaded.
  const fetchAttachment = config.attachments.maxBytes > 0
    ? createAttachmentFetcher({ maxBytes: config.attachments.maxBytes, timeoutMs: ATTACHMENT_FETCH_TIMEOUT_MS, allowPrivate: config.attachments.allowPrivate })
    : undefined;
  const helpdeskFor = overrides.helpdeskFor ?? createZendeskResolver(db, masterKey, config.zendeskOAuth, fetchAttachment ? { fetchAttachment } : {});
  // One schedule cache per process, shared by ticket creation (handlers) and rule evaluation (API).
  const schedules = createScheduleCache({ log });
  const businessHoursFor = createBusinessHoursLookup({
    cache: schedules,
    helpdeskFor,
    useBusinessHours: async (agentId) => (await findWaitingSettings(db, agentId))?.useBusinessHours ?? false,
  });
  const worker = config.workersEnabled
    ? createOutboxWorker({
        db,
        log,
        concurrency: config.workerConcurrency,
        handlers: createRelayHandlers({
          db,
          masterKey,
          helpdeskFor,
          ticketUpdateSpacingMs: config.ticketUpdateSpacingMs,
          callbackAllowPrivate: config.callbacks.allowPrivate,
          ...(overrides.now ? { now: overrides.now } : {}),
          schedules,
        }),
        leaseMs: config.deliveryLeaseMs,
        reachability,
        ...overrides.worker,
        onSettled: (delivery, outcome, status) => {
          metrics.deliveries.inc({ channel: delivery.channel, outcome });
          if (status === 429 && delivery.channel !== 'platform') metrics.zendeskRateLimited.inc();
          overrides.worker?.onSettled?.(delivery, outcome, status);
        },
      })
    : undefined;
  let url = `http://${config.host}:${config.port}`;
  const limits = createRateLimits(db, config.rateLimits);
  const trustProxyHops = config.trustProxyHops;
  // Set once the app exists; the app API (registered while it is built) calls it after revoking keys.
  let forgetApiKeys = () => {};
  const zendeskWebhooks = createZendeskWebhookHandler({
    db,
    masterKey,
    awaitingEvent: metrics.triggersAwaitingEvent,
    onQueued: () => worker?.wake(),
    onRejected: () => metrics.webhookRejected.inc(),
  });
  const schedulesFor = async (tenantId: string) => {
    const helpdesk = await helpdeskFor(tenantId);
    return helpdesk ? schedules.list(tenantId, helpdesk) : { schedules: [], unmapped: [] };
  };
  const { app, fastIngest, forgetApiKeys: forget } = createApp({
    db,
    log,
    reachability,
    limits,
    trustProxyHops,
    onCommitted: () => worker?.wake(),
    businessHoursFor,
    schedulesFor,
    onHandoff: (reason) => metrics.handoffs.inc({ reason }),
    renderMetrics: () => metrics.render(),
    metricsToken: config.metricsToken,
    extend: (root) => {
      // Registered before the routes so they wrap them: failures the handlers throw are counted here.
      root.use('/zendesk/webhooks/*', limitAuthFailures(limits, {
        kind: 'zendesk_webhook',
        codes: WEBHOOK_AUTH_FAILURES,
        credentialOf: (c) => c.req.path.split('/')[3],
        trustProxyHops,
      }));
      root.use('/app/v1/*', limitAuthFailures(limits, { kind: 'app_token', codes: ['invalid_app_token'], credentialOf: appTokenTenant, trustProxyHops }));
      registerZendeskWebhookRoute(root, zendeskWebhooks);
      registerOAuthRoutes(root, { db, masterKey, client: config.zendeskOAuth, publicBaseUrl: () => config.publicBaseUrl ?? url, adminSessionTtlMs: config.adminSessionTtlMs });
      registerAppApi(root, {
        db,
        masterKey,
        publicBaseUrl: () => config.publicBaseUrl ?? url,
        allowedOrigins: config.appOrigins,
        oauthClient: config.zendeskOAuth,
        zendeskUrlTemplate: config.zendeskUrlTemplate,
        limits,
        trustProxyHops,
        callbackAllowPrivate: config.callbacks.allowPrivate,
        onApiKeysRevoked: () => forgetApiKeys(),
        schedulesFor,
        onCommitted: () => worker?.wake(),
        ...overrides.appApi,
      });
    },
  });
  forgetApiKeys = forget;
  // The two hot paths (a platform's customer lines, Zendesk's two webhooks per agent reply) skip the Hono app.
  const fastZendeskWebhook = createFastZendeskWebhook(zendeskWebhooks, { limits, trustProxyHops, log, reachability });
  // The body guard drains unread bodies itself (bounded); the adapter's own cleanup would cut the socket
  // after 500 ms, resetting clients that are still uploading before they read the 413.
  const honoListener = getRequestListener(app.fetch, { autoCleanupIncoming: false });
  const server: Server = createServer((req, res) => {
    if (guardRequestBody(req, res)) return;
    if (!fastIngest(req, res) && !fastZendeskWebhook(req, res)) void honoListener(req, res);
  });
  // Sidebar streams last up to 15 minutes: a stop cuts them (the sidebar reconnects) instead of waiting.
  const requests = trackRequestsForClose(server, (req) => !/^\/app\/v1\/sessions\/[^/?]+\/events(\?|$)/.test(req.url ?? ''));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch(async (error: unknown) => {
    await db.close(); // releases the data-dir lock: the next start need not take over a dead process's lock
    throw listenFailure(error, config.host, config.port) ?? error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  url = `http://${config.host}:${port}`;
  // The embedded database admits one process: the CLI reaches it through this socket meanwhile.
  const adminSocket = config.databaseUrl
    ? undefined
    : await serveAdminSocket(config.dataDir, { db, masterKey, publicBaseUrl: config.publicBaseUrl ?? url, zendeskOAuth: Boolean(config.zendeskOAuth) }, () => forgetApiKeys());
  const reconciler = config.workersEnabled
    ? createReconciler({ db, helpdeskFor, log, intervalMs: config.reconcileIntervalMs, onQueued: () => worker?.wake(), reachability })
    : undefined;
  const insightsRoller = config.workersEnabled ? createInsightsRoller({ db, log, intervalMs: config.insightsRollupIntervalMs, reachability }) : undefined;
  const retention = config.workersEnabled ? createRetentionJob({ db, log, intervalMs: config.purgeIntervalMs, reachability }) : undefined;
  worker?.start();
  reconciler?.start();
  insightsRoller?.start();
  retention?.start();
  let stopped = false;
  return {
    url,
    db,
    masterKey,
    worker,
    reconciler,
    retention,
    log,
    async stop() {
      if (stopped) return;
      stopped = true;
      const closing = requests.close(SHUTDOWN_GRACE_MS);
      // Agent-reply triggers holding their answer for their event (up to 2 s) answer now instead of holding the stop.
      await zendeskWebhooks.drained();
      await closing;
      await new Promise<void>((resolve) => (adminSocket ? adminSocket.close(() => resolve()) : resolve()));
      await reconciler?.stop();
      await insightsRoller?.stop();
      await retention?.stop();
      await worker?.stop();
      // Events the webhook route accepted before the sockets closed still commit (their callers are gone; Zendesk
      // retries what it saw unanswered, and a committed event is then a duplicate).
      await zendeskWebhooks.drained();
      await db.close();
      // PGlite created its files 0666 while it ran (the 0700 directory kept others out); leave them private at rest.
      if (usesDataDir) tightenTree(config.dataDir);
    },
  };
}
