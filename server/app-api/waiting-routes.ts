import type { Hono } from 'hono';
import type { Database } from '../db/database.js';
import { scheduleSummaries, type SchedulesFor } from '../http/routes/waiting.js';
import { readJsonBody } from '../http/storable-input.js';
import { getWaitingSettings, updateWaitingSettings } from '../relay/waiting-settings.js';
import type { AgentRow } from '../store/tenants.js';

type Request = { header(name: string): string | undefined };

/**
 * "While the customer waits" on the AI agents page: the same settings as `/v1/agents/{id}/waiting-settings`,
 * for a Zendesk admin instead of the platform's key. The answer lists the account's schedules so the page can
 * map groups to them. POST (not PATCH) because the ZAF proxy the page calls through is used with GET and POST
 * only; the body is the same partial update, merged one level deep. A change applies to sessions whose ticket
 * is created after it.
 */
export function registerAppWaitingRoutes(
  app: Hono<any, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  deps: { db: Database; agentOf: (req: Request, id: string) => Promise<AgentRow>; schedulesFor?: SchedulesFor | undefined },
) {
  const schedules = async (tenantId: string) => {
    // No Zendesk connection, or Zendesk refusing the read: the page still edits everything but the group map.
    return scheduleSummaries(await deps.schedulesFor?.(tenantId).catch(() => undefined));
  };

  app.get('/app/v1/ai-agents/:id/waiting-settings', async (c) => {
    const agent = await deps.agentOf(c.req, c.req.param('id'));
    return c.json({ settings: await getWaitingSettings(deps.db, agent.id), ...(await schedules(agent.tenantId)) });
  });

  app.post('/app/v1/ai-agents/:id/waiting-settings', async (c) => {
    const agent = await deps.agentOf(c.req, c.req.param('id'));
    const settings = await updateWaitingSettings(deps.db, agent.id, await readJsonBody(c));
    return c.json({ settings, ...(await schedules(agent.tenantId)) });
  });
}
