import type { Hono } from 'hono';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { evaluate } from '../rules/evaluate.js';
import { FIELDS } from '../rules/fields.js';
import { z } from 'zod';
import { TurnSchema, type RuleInput } from '../rules/schema.js';
import { validateRule } from '../rules/validate.js';
import { copiedDefaultId, deleteRule, insertRule, listRules, reorderRules, updateRule } from '../store/rules.js';
import { findAgent, listAgents } from '../store/tenants.js';
import { ADMIN_SESSION_HEADER } from './admin-session.js';
import { readJsonBody } from '../http/storable-input.js';

type Verify = (authorization: string | undefined) => Promise<{ tenantId: string }>;
/** Throws 403 `admin_required` unless the admin-session header proves a Zendesk admin of this tenant. */
type RequireAdmin = (adminSession: string | undefined, tenantId: string) => void;
type Headers = { header(name: string): string | undefined };

/**
 * The rules admin page of the Zendesk app (`nav_bar`): only the installation's own AI agents. Everyone
 * who can open the app may read and try the rules; changing them takes an admin session.
 */
export function registerAppRuleRoutes(app: Hono<any, any, any>, db: Database, verify: Verify, requireAdmin: RequireAdmin) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const agentOf = async (req: Headers, agentId: string, admin: 'admin' | 'anyone' = 'anyone') => {
    const { tenantId } = await verify(req.header('authorization'));
    if (admin === 'admin') requireAdmin(req.header(ADMIN_SESSION_HEADER), tenantId);
    const agent = await findAgent(db, agentId);
    if (!agent || agent.tenantId !== tenantId) throw new BatonError('agent_not_found');
    return agent;
  };

  app.get('/app/v1/agents', async (c) => {
    const { tenantId } = await verify(c.req.header('authorization'));
    const agents = await listAgents(db, tenantId);
    return c.json({
      agents: agents.map((a) => ({ id: a.id, name: a.name, handoffEnabled: a.handoffEnabled })),
      fields: Object.entries(FIELDS).map(([name, f]) => ({ name, type: f.type, description: f.describe })),
    });
  });
  app.get('/app/v1/agents/:id/rules', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    return c.json({ rules: await listRules(db, agent.id) });
  });
  // Same validation as /v1/rules: every problem with its path (`conditions.any[1].value`), so the editor shows each next to its row.
  const validRule = (input: unknown): RuleInput => {
    const v = validateRule(input);
    if (!v.ok) throw new BatonError('validation_failed', `${v.problems[0]!.path}: ${v.problems[0]!.message}`, { issues: v.problems });
    return v.rule;
  };
  app.post('/app/v1/agents/:id/rules', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'), 'admin');
    const input = validRule(await readJsonBody(c));
    return c.json({ rule: await db.transaction((tx) => insertRule(tx, agent.id, input)) }, 201);
  });
  app.put('/app/v1/agents/:id/rules/:ruleId', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'), 'admin');
    const input = validRule(await readJsonBody(c));
    const rule = await db.transaction((tx) => updateRule(tx, agent.id, c.req.param('ruleId'), input));
    if (!rule) throw new BatonError('not_found', 'No such rule.');
    return c.json({ rule });
  });
  app.delete('/app/v1/agents/:id/rules/:ruleId', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'), 'admin');
    if (!(await db.transaction((tx) => deleteRule(tx, agent.id, c.req.param('ruleId'))))) throw new BatonError('not_found', 'No such rule.');
    return c.json({ rules: await listRules(db, agent.id) });
  });
  app.post('/app/v1/agents/:id/rules/reorder', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'), 'admin');
    const parsed = z.object({ ids: z.array(z.string().min(1).max(100)).max(500) }).safeParse(await readJsonBody(c));
    if (!parsed.success) throw new BatonError('validation_failed', 'Send {"ids": [...]} with the rule ids in their new order.');
    return c.json({ rules: await db.transaction((tx) => reorderRules(tx, agent.id, parsed.data.ids)) });
  });
  app.post('/app/v1/agents/:id/rules/:ruleId/enabled', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'), 'admin');
    // `?.`: a JSON null body is a client mistake (400), not a TypeError (500).
    const enabled = ((await readJsonBody(c)) as { enabled?: unknown } | null)?.enabled;
    // A page opened before the first change to the defaults still holds their default ids: same as PUT and DELETE.
    const id = c.req.param('ruleId');
    const rule = (await listRules(db, agent.id)).find((r) => r.id === id || r.id === copiedDefaultId(agent.id, id));
    if (typeof enabled !== 'boolean') throw new BatonError('validation_failed', 'Send {"enabled": true|false}.');
    if (!rule) throw new BatonError('not_found', 'No such rule.'); // deleted meanwhile: 404 like PUT and DELETE
    const updated = await db.transaction((tx) => updateRule(tx, agent.id, rule.id, { ...rule, enabled }));
    if (!updated) throw new BatonError('not_found', 'No such rule.');
    return c.json({ rule: updated });
  });
  app.post('/app/v1/agents/:id/rules/test', async (c) => {
    const agent = await agentOf(c.req, c.req.param('id'));
    const turn = TurnSchema.safeParse(((await readJsonBody(c)) as { turn?: unknown } | null)?.turn ?? {});
    if (!turn.success) throw new BatonError('validation_failed', 'turn: not a valid turn');
    return c.json({ decision: evaluate(await listRules(db, agent.id), turn.data, { handoffEnabled: agent.handoffEnabled }) });
  });
}
