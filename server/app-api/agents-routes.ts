import type { Hono } from 'hono';
import { z } from 'zod';
import { CallbackUrlSchema } from '../core/callback-url.js';
import { BatonError } from '../core/errors.js';
import { decryptSecret } from '../core/secrets.js';
import { MAX_WEBHOOK_SECRET_OVERLAP_HOURS } from '../core/webhook-secret-overlap.js';
import type { Database } from '../db/database.js';
import { readJsonBody } from '../http/storable-input.js';
import { sendTestEvent } from '../outbox/test-event.js';
import { configureAgent, createAgent, createApiKey, rotateWebhookSecret } from '../relay/admin.js';
import { countOpenSessions, listApiKeys, markAgentDeleted, revokeAgentApiKey } from '../store/api-keys.js';
import { findAgent, listAgents, type AgentRow } from '../store/tenants.js';
import { ADMIN_SESSION_HEADER } from './admin-session.js';
import type { SchedulesFor } from '../http/routes/waiting.js';
import { registerAppWaitingRoutes } from './waiting-routes.js';

type Verify = (authorization: string | undefined) => Promise<{ tenantId: string }>;
/** Throws 403 `admin_required` unless the admin-session header proves a Zendesk admin of this tenant. */
type RequireAdmin = (adminSession: string | undefined, tenantId: string) => void;
type Request = { header(name: string): string | undefined };

const CreateAgentSchema = z.object({ name: z.string().trim().min(1).max(200), callbackUrl: CallbackUrlSchema });
const CreateKeySchema = z.object({ label: z.string().trim().max(100).optional() });
const CallbackSchema = z.object({ callbackUrl: CallbackUrlSchema });
const HandoffSchema = z.object({ enabled: z.boolean() });
const AgentIdSchema = z.string().min(1).max(100);
/** Hours the previous signing secret is still signed with; 0 after a leak. */
const RotateSecretSchema = z.object({ overlapHours: z.number().int().min(0).max(MAX_WEBHOOK_SECRET_OVERLAP_HOURS).optional() });

/**
 * The AI agents page of the app (`nav_bar`): every route, reads included, needs an admin session, since
 * callback URLs and key names are configuration an agent has no use for. Secrets (API keys, signing
 * secrets) are in the answer of the action that made them and nowhere else: only their hashes or
 * ciphertexts are stored, and no route returns them again.
 */
export function registerAppAgentRoutes(
  app: Hono<any, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  deps: { db: Database; masterKey: Buffer; verify: Verify; requireAdmin: RequireAdmin; callbackAllowPrivate: boolean; onApiKeysRevoked: () => void; schedulesFor?: SchedulesFor | undefined },
) {
  const { db } = deps;
  const adminOf = async (req: Request) => {
    const { tenantId } = await deps.verify(req.header('authorization'));
    deps.requireAdmin(req.header(ADMIN_SESSION_HEADER), tenantId);
    return tenantId;
  };
  /** The tenant's live agent, or 404 alike for another tenant's, a deleted one or a made-up id. */
  const agentOf = async (req: Request, id: string): Promise<AgentRow> => {
    const tenantId = await adminOf(req);
    const agent = AgentIdSchema.safeParse(id).success ? await findAgent(db, id) : undefined;
    if (!agent || agent.tenantId !== tenantId || agent.deletedAt) throw new BatonError('agent_not_found');
    return agent;
  };
  const view = async (agent: AgentRow, openSessions = 0) => ({
    id: agent.id,
    name: agent.name,
    callbackUrl: agent.callbackUrl,
    handoffEnabled: agent.handoffEnabled,
    createdAt: agent.createdAt.toISOString(),
    openSessions,
    keys: (await listApiKeys(db, agent.id)).map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null })),
  });
  /** The agent's view after a change: the page replaces its card with it, so its open handoffs must be counted too. */
  const viewAfterChange = async (agent: AgentRow) => view(agent, (await countOpenSessions(db, agent.tenantId)).get(agent.id) ?? 0);
  const parse = async <T>(schema: z.ZodType<T>, c: Parameters<typeof readJsonBody>[0], options?: { empty: unknown }): Promise<T> => {
    const parsed = schema.safeParse(await readJsonBody(c, options));
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
    throw new BatonError('validation_failed', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  };

  app.get('/app/v1/ai-agents', async (c) => {
    const tenantId = await adminOf(c.req);
    const open = await countOpenSessions(db, tenantId);
    const agents = await listAgents(db, tenantId);
    return c.json({ agents: await Promise.all(agents.map((a) => view(a, open.get(a.id) ?? 0))) });
  });

  // Creates the agent and its first API key together: the platform needs both, and the page shows both once.
  app.post('/app/v1/ai-agents', async (c) => {
    const tenantId = await adminOf(c.req);
    const input = await parse(CreateAgentSchema, c);
    const created = await createAgent(db, deps.masterKey, { tenantId, name: input.name, callbackUrl: input.callbackUrl });
    const key = await createApiKey(db, { agentId: created.agentId });
    const agent = (await findAgent(db, created.agentId))!;
    return c.json({ agent: await view(agent), apiKey: key.apiKey, webhookSecret: created.webhookSecret }, 201);
  });

  app.post('/app/v1/ai-agents/:id/test-event', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    if (!agent.callbackUrl) throw new BatonError('callback_url_missing');
    const result = await sendTestEvent({
      url: agent.callbackUrl,
      secret: decryptSecret(deps.masterKey, agent.webhookSecretEnc),
      agentId: agent.id,
      allowPrivate: deps.callbackAllowPrivate,
    });
    return c.json({ result });
  });

  app.post('/app/v1/ai-agents/:id/signing-secret', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    // No body is the default window: a bare POST rotated before the window existed, and still does.
    const input = await parse(RotateSecretSchema, c, { empty: {} });
    const rotated = await rotateWebhookSecret(db, deps.masterKey, agent.id, { overlapHours: input.overlapHours });
    return c.json({ webhookSecret: rotated.webhookSecret, previousSecretValidUntil: rotated.previousUntil?.toISOString() ?? null });
  });

  app.post('/app/v1/ai-agents/:id/keys', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    const { label } = await parse(CreateKeySchema, c);
    const key = await createApiKey(db, { agentId: agent.id, ...(label ? { label } : {}) });
    return c.json({ agent: await viewAfterChange(agent), apiKey: key.apiKey, keyId: key.keyId }, 201);
  });

  app.post('/app/v1/ai-agents/:id/keys/:keyId/revoke', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    if (!(await revokeAgentApiKey(db, agent.id, c.req.param('keyId').slice(0, 100)))) throw new BatonError('not_found', 'This AI agent has no active key with that id.');
    deps.onApiKeysRevoked();
    return c.json({ agent: await viewAfterChange(agent) });
  });

  // Same checks as at creation (http/https, and the deployment's private-address rule): events go there from now on.
  app.post('/app/v1/ai-agents/:id/callback-url', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    const { callbackUrl } = await parse(CallbackSchema, c);
    const updated = await configureAgent(db, agent.id, { callbackUrl });
    return c.json({ agent: await viewAfterChange(updated) });
  });

  app.post('/app/v1/ai-agents/:id/handoff', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    const { enabled } = await parse(HandoffSchema, c);
    return c.json({ agent: await viewAfterChange(await configureAgent(db, agent.id, { handoffEnabled: enabled })) });
  });

  // Deleting keeps the agent's history (sessions, insights) and leaves its open handoffs on their Zendesk
  // tickets for agents to finish there; nothing is sent to its platform any more and its keys stop working.
  app.post('/app/v1/ai-agents/:id/delete', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    const openSessions = (await countOpenSessions(db, agent.tenantId)).get(agent.id) ?? 0;
    await db.transaction((tx) => markAgentDeleted(tx, agent.id));
    deps.onApiKeysRevoked();
    return c.json({ deleted: true, openSessions });
  });

  registerAppWaitingRoutes(app, { db, agentOf, schedulesFor: deps.schedulesFor });
}
