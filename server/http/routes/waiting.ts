import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BatonError } from '../../core/errors.js';
import { WaitingSettingsPatchSchema, WaitingSettingsSchema } from '../../core/waiting-settings.js';
import type { Database } from '../../db/database.js';
import { getWaitingSettings, updateWaitingSettings } from '../../relay/waiting-settings.js';
import type { AuthEnv } from '../auth.js';
import { commonErrors, errorResponse, security } from './common.js';

const AgentParam = z.object({ id: z.string().min(1).max(100) });
const SettingsResponse = { 200: { description: 'The settings', content: { 'application/json': { schema: z.object({ settings: WaitingSettingsSchema }) } } } };

const getRoute = createRoute({
  method: 'get',
  path: '/v1/agents/{id}/waiting-settings',
  tags: ['Waiting'],
  summary: 'What happens while a customer waits: business hours, no-agent and agent-silent timeouts, wait estimate',
  security,
  request: { params: AgentParam },
  responses: { ...SettingsResponse, ...commonErrors, 404: errorResponse('`agent_not_found`') },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/v1/agents/{id}/waiting-settings',
  tags: ['Waiting'],
  summary: 'Change the waiting settings (partial: objects merge one level deep)',
  description: 'Applies to sessions whose ticket is created after the change; a session already waiting keeps the policy it started with.',
  security,
  request: { params: AgentParam, body: { required: true, content: { 'application/json': { schema: WaitingSettingsPatchSchema } } } },
  responses: { ...SettingsResponse, ...commonErrors, 404: errorResponse('`agent_not_found`') },
});

/** An AI agent's key reads and changes its own waiting settings. */
export function registerWaitingRoutes(app: OpenAPIHono<AuthEnv>, db: Database) {
  const own = (id: string, agentId: string) => {
    if (id !== agentId) throw new BatonError('agent_not_found');
    return id;
  };
  app.openapi(getRoute, async (c) => c.json({ settings: await getWaitingSettings(db, own(c.req.valid('param').id, c.get('caller').agentId)) }, 200));
  app.openapi(patchRoute, async (c) =>
    c.json({ settings: await updateWaitingSettings(db, own(c.req.valid('param').id, c.get('caller').agentId), c.req.valid('json')) }, 200),
  );
}
