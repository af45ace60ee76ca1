import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { helpdeskTask } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { enqueue } from '../store/deliveries.js';
import { findSession, findSessionByTicket, sessionOnTicket } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';
import { createAppTokenVerifier } from './app-token.js';
import { appSessionView, earlierMessages, MAX_PAGE_MESSAGES, readAppSessionView, sessionFingerprint } from './app-view.js';
import { STREAM_TOKEN_TTL_MS, signStreamToken, verifyStreamToken } from './stream-token.js';
import { createStreamLimiter } from './stream-limiter.js';
import { registerAppInsightsRoutes } from './insights-routes.js';
import { registerAppRuleRoutes } from './rules-routes.js';
import { registerAppAdminRoutes } from './admin-routes.js';
import { registerAppAgentRoutes } from './agents-routes.js';
import { ADMIN_SESSION_HEADER, requireAdminSession } from './admin-session.js';
import type { OAuthClient } from '../zendesk/token-provider.js';
import { readJsonBody } from '../http/storable-input.js';
import type { RateLimits } from '../http/rate-limits.js';
import { registerOnboardingRoutes } from './onboarding-routes.js';
import { rememberReturn, returnedByThisAction } from './return-retry.js';
import type { SchedulesFor } from '../http/routes/waiting.js';

/** How often an open stream looks for changes (one indexed query per stream). */
export const STREAM_POLL_MS = 1_000;

const ReturnToAiSchema = z.object({
  note: z.string().max(2_000).optional(),
  /** Display only (the app's JWT proves the installation, not the agent): shown in the ticket's note. */
  agentName: z.string().max(200).optional(),
  /** One per agent's action, the same on its retry (see return-retry.ts); older apps send none. */
  idempotencyKey: z.string().regex(/^[\w-]{8,100}$/, 'idempotencyKey: 8 to 100 letters, digits, - or _').optional(),
});
const TakeOverSchema = z.object({ agentName: z.string().max(200).optional() });
/** The ticket the sidebar shows the session on (optional: without it the stream follows the session alone). */
const StreamTokenSchema = z.object({ ticketId: z.string().regex(/^\d{1,20}$/, 'ticketId: a Zendesk ticket id').optional() });
/** `?window=N`: only the newest N messages (a sidebar opening a long conversation); absent = all of them. */
const WindowQuerySchema = z.object({ window: z.coerce.number().int().min(1).max(MAX_PAGE_MESSAGES).optional() });
const EarlierQuerySchema = z.object({
  before: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_MESSAGES).default(100),
});

/** A query string checked at the boundary: a bad one is a 422 with the first problem, never a 500. */
function queryOf<T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new BatonError('validation_failed', `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export interface AppApiDeps {
  db: Database;
  masterKey: Buffer;
  publicBaseUrl: () => string;
  /** Origins allowed to open the live stream directly (the app's asset host); `*` allows any. */
  allowedOrigins: string[];
  /** The relay's global Zendesk OAuth client: admins prove their role through it. */
  oauthClient: OAuthClient | undefined;
  onCommitted?: () => void;
  /** How long a stream token (and so any stream opened with it) lives; STREAM_TOKEN_TTL_MS unless a test shortens it. */
  streamTokenTtlMs?: number;
  /** Streams one token may hold open at once; MAX_STREAMS_PER_TOKEN by default. */
  maxStreamsPerToken?: number;
  /** Onboarding from the app: where a subdomain's Zendesk lives, and the limit on unauthenticated starts. */
  zendeskUrlTemplate?: string;
  limits?: RateLimits;
  trustProxyHops?: number;
  /** CALLBACK_ALLOW_PRIVATE_HOSTS, for the agents page's "Send test event" (true when not given, as for deliveries). */
  callbackAllowPrivate?: boolean;
  /** Called after the agents page revoked keys, so this relay refuses them at once (others within API_KEY_CACHE_MS). */
  onApiKeysRevoked?: () => void;
  /** The account's Zendesk schedules, for the waiting settings' group → schedule map. */
  schedulesFor?: SchedulesFor;
}

/**
 * The relay side of the Zendesk sidebar (`/app/v1`). Every request carries the installation's JWT;
 * answers only ever concern that installation's tenant.
 */
export function registerAppApi(app: Hono<any, any, any>, deps: AppApiDeps) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const verify = createAppTokenVerifier(deps.db, deps.masterKey, deps.publicBaseUrl);
  const streamTokenTtlMs = deps.streamTokenTtlMs ?? STREAM_TOKEN_TTL_MS;
  const streams = createStreamLimiter(deps.maxStreamsPerToken);
  const origin = (o: string) => (deps.allowedOrigins.includes('*') || deps.allowedOrigins.some((a) => matchOrigin(a, o)) ? o : null);
  app.use('/app/v1/*', cors({ origin, allowHeaders: ['authorization', 'content-type', ADMIN_SESSION_HEADER], allowMethods: ['GET', 'POST'] }));

  registerAppAdminRoutes(app, {
    db: deps.db,
    masterKey: deps.masterKey,
    verify,
    client: deps.oauthClient,
    redirectUri: () => `${deps.publicBaseUrl()}/zendesk/oauth/callback`,
    originAllowed: (o) => origin(o) !== null,
  });
  registerOnboardingRoutes(app, {
    db: deps.db,
    masterKey: deps.masterKey,
    verify,
    client: deps.oauthClient,
    redirectUri: () => `${deps.publicBaseUrl()}/zendesk/oauth/callback`,
    publicBaseUrl: deps.publicBaseUrl,
    urlTemplate: deps.zendeskUrlTemplate ?? 'https://{subdomain}.zendesk.com',
    originAllowed: (o) => origin(o) !== null,
    limits: deps.limits,
    trustProxyHops: deps.trustProxyHops ?? 0,
  });
  registerAppRuleRoutes(app, deps.db, verify, (session, tenantId) => requireAdminSession(deps.masterKey, session, tenantId));
  registerAppInsightsRoutes(app, deps.db, verify);
  registerAppAgentRoutes(app, {
    db: deps.db,
    masterKey: deps.masterKey,
    verify,
    requireAdmin: (session, tenantId) => requireAdminSession(deps.masterKey, session, tenantId),
    callbackAllowPrivate: deps.callbackAllowPrivate ?? true,
    onApiKeysRevoked: deps.onApiKeysRevoked ?? (() => {}),
    schedulesFor: deps.schedulesFor,
  });

  app.get('/app/v1/tickets/:ticketId/session', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const ticketId = c.req.param('ticketId');
    const { window } = queryOf(WindowQuerySchema, c.req.query());
    if (!/^\d{1,20}$/.test(ticketId)) throw new BatonError('session_not_found');
    const view = await readAppSessionView(deps.db, (q) => findSessionByTicket(q, tenantId, ticketId), { window });
    if (!view) throw new BatonError('session_not_found', 'No AI handoff on this ticket.');
    return c.json({ session: view });
  });

  // The page of the conversation before a message the sidebar already shows ("Show earlier messages").
  app.get('/app/v1/sessions/:id/messages', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const { before, limit } = queryOf(EarlierQuerySchema, c.req.query());
    const session = await findSession(deps.db, c.req.param('id'), { tenantId });
    if (!session) throw new BatonError('session_not_found');
    return c.json(await earlierMessages(deps.db, session, before, limit));
  });

  app.post('/app/v1/sessions/:id/return-to-ai', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const parsed = ReturnToAiSchema.safeParse(await optionalBody(c));
    if (!parsed.success) throw new BatonError('validation_failed', parsed.error.issues[0]?.message);
    const id = c.req.param('id');
    const { view, alreadyReturned } = await deps.db.transaction(async (tx) => {
      if (!(await findSession(tx, id, { tenantId }))) throw new BatonError('session_not_found');
      const tenant = await findTenant(tx, tenantId);
      const ticketStatus = tenant?.returnToAiTicketStatus ?? 'solved';
      const { note, agentName, idempotencyKey } = parsed.data;
      const outcome = await applySessionEvent(tx, id, { type: 'returned' }, {
        cause: 'agent_returned_to_ai',
        strict: true,
        extraData: note ? { note } : {},
      });
      // The ticket follows (note, tag, status), queued behind the customer's messages to it.
      if (outcome.applied && outcome.session.ticketId) {
        await enqueue(tx, [helpdeskTask(outcome.session, 'ticket.return_to_ai', { note: note ?? null, agentName: agentName ?? null, status: ticketStatus })]);
      }
      if (outcome.applied && idempotencyKey) await rememberReturn(tx, tenantId, id, idempotencyKey, note);
      // Not applied = someone (another agent, a solve, a timer) returned it first: this call's note went nowhere,
      // and the sidebar must say so rather than clear it as sent. Still a 200: the session is where the agent wanted it.
      // Unless it was this very action, whose first answer was lost: its note was sent. (Checked after
      // applySessionEvent locked the session, so a retry racing its first attempt waits for that one's commit.)
      const thisAction = !outcome.applied && idempotencyKey !== undefined && (await returnedByThisAction(tx, tenantId, id, idempotencyKey, note));
      return { view: await appSessionView(tx, (await findSession(tx, id))!, queryOf(WindowQuerySchema, c.req.query())), alreadyReturned: !outcome.applied && !thisAction };
    });
    deps.onCommitted?.();
    return c.json({ session: view, alreadyReturned });
  });

  // Take over a waiting session before replying: the AI platform stops answering at once.
  app.post('/app/v1/sessions/:id/take-over', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const parsed = TakeOverSchema.safeParse(await optionalBody(c));
    if (!parsed.success) throw new BatonError('validation_failed', parsed.error.issues[0]?.message);
    const id = c.req.param('id');
    const view = await deps.db.transaction(async (tx) => {
      if (!(await findSession(tx, id, { tenantId }))) throw new BatonError('session_not_found');
      await applySessionEvent(tx, id, { type: 'taken_over' }, {
        cause: 'agent_took_over',
        strict: true,
        extraData: parsed.data.agentName ? { agentName: parsed.data.agentName } : {},
      });
      return appSessionView(tx, (await findSession(tx, id))!, queryOf(WindowQuerySchema, c.req.query()));
    });
    deps.onCommitted?.();
    return c.json({ session: view });
  });

  // An agent reply that could not reach the AI platform (dead-lettered): send it again.
  app.post('/app/v1/sessions/:id/messages/:messageId/retry', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const id = c.req.param('id');
    if (!(await findSession(deps.db, id, { tenantId }))) throw new BatonError('session_not_found');
    const { rowCount } = await deps.db.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, locked_by = NULL
        WHERE session_id = $1 AND tenant_id = $2 AND kind = 'message.created' AND status = 'dead'
          AND payload->'data'->'message'->>'id' = $3`,
      [id, tenantId, c.req.param('messageId')],
    );
    if (rowCount === 0) throw new BatonError('not_found', 'No failed delivery for this message.');
    deps.onCommitted?.();
    return c.json({ retried: rowCount });
  });

  app.post('/app/v1/sessions/:id/stream-token', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const id = c.req.param('id');
    const parsed = StreamTokenSchema.safeParse(await optionalBody(c));
    if (!parsed.success) throw new BatonError('validation_failed', parsed.error.issues[0]?.message);
    const { ticketId } = parsed.data;
    if (!(await findSession(deps.db, id, { tenantId }))) throw new BatonError('session_not_found');
    // The ticket the sidebar is on, when the session is recorded on it: the stream then follows its later handoffs.
    if (ticketId !== undefined && !(await sessionOnTicket(deps.db, tenantId, ticketId, id))) throw new BatonError('session_not_found', 'This session is not on that ticket.');
    const exp = Date.now() + streamTokenTtlMs;
    const token = signStreamToken(deps.masterKey, { tenantId, sessionId: id, ...(ticketId !== undefined ? { ticketId } : {}), exp });
    const url = `${deps.publicBaseUrl()}/app/v1/sessions/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`;
    return c.json({ token, url, expiresAt: new Date(exp).toISOString() });
  });

  app.get('/app/v1/sessions/:id/events', async (c) => {
    const token = c.req.query('token') ?? '';
    const claims = verifyStreamToken(deps.masterKey, token, Date.now());
    if (!claims || claims.sessionId !== c.req.param('id')) throw new BatonError('invalid_app_token');
    const { window } = queryOf(WindowQuerySchema, { ...(c.req.query('window') ? { window: c.req.query('window')! } : {}) });
    const release = streams.tryOpen(token);
    if (!release) throw new BatonError('too_many_streams');
    return streamSSE(c, async (stream) => {
      try {
        let last: string | undefined;
        // The stream ends when its token does: access granted for 15 minutes is not access for the tab's lifetime.
        while (!stream.aborted && Date.now() < claims.exp) {
          // The conversation escalated again continues on its ticket: the ticket's newest session is what the sidebar
          // on that ticket shows (as its next read would), so the stream moves on to it.
          const head = await sessionFingerprint(deps.db, claims.sessionId, claims.ticketId ? { tenantId: claims.tenantId, ticketId: claims.ticketId } : undefined);
          if (head === undefined) break;
          if (`${head.id}:${head.fingerprint}` !== last) {
            last = `${head.id}:${head.fingerprint}`;
            const view = await readAppSessionView(deps.db, (q) => findSession(q, head.id, { tenantId: claims.tenantId }), { window });
            if (!view) break;
            await stream.writeSSE({ event: 'session', data: JSON.stringify(view) });
          }
          await stream.sleep(Math.max(0, Math.min(STREAM_POLL_MS, claims.exp - Date.now())));
        }
      } finally {
        release();
      }
    });
  });
}

/** An action's optional body: none (or not JSON) = `{}`; text that cannot be stored is still a 422, not a lost action. */
async function optionalBody(c: Parameters<typeof readJsonBody>[0]): Promise<unknown> {
  return readJsonBody(c, { empty: {} }).catch((error: unknown) => {
    if (error instanceof BatonError && error.code === 'invalid_json') return {};
    throw error;
  });
}

/** Origin patterns with `*` wildcards (`https://*.apps.zdusercontent.com`, `http://localhost:*`). */
export function matchOrigin(pattern: string, origin: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*')}$`);
  return regex.test(origin);
}
