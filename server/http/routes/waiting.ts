import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BatonError } from '../../core/errors.js';
import { WaitingSettingsPatchSchema, WaitingSettingsSchema } from '../../core/waiting-settings.js';
import type { Database } from '../../db/database.js';
import { getWaitingSettings, updateWaitingSettings } from '../../relay/waiting-settings.js';
import type { AuthEnv } from '../auth.js';
import { commonErrors, errorResponse, security } from './common.js';

const AgentParam = z.object({ id: z.string().min(1).max(100) });
const ScheduleSummary = z.object({ id: z.string(), name: z.string(), timeZone: z.string().openapi({ description: 'IANA time zone' }) });
const UnmappedScheduleSummary = z.object({
  id: z.string(),
  name: z.string(),
  zendeskTimeZone: z.string().openapi({ description: "Zendesk's name for the zone, which the relay cannot map to an IANA zone" }),
});
const SettingsResponse = {
  200: {
    description:
      "The settings, and the account's Zendesk schedules (default first) to map groups to (`scheduleByGroup`). " +
      '`unmappedSchedules`: schedules whose time zone the relay does not understand; they are ignored (not in `schedules`): ' +
      'tickets that would count their hours use the first schedule in `schedules`, or count as always open when it is empty.',
    content: {
      'application/json': {
        schema: z.object({ settings: WaitingSettingsSchema, schedules: z.array(ScheduleSummary), unmappedSchedules: z.array(UnmappedScheduleSummary) }),
      },
    },
  },
};

/** The account's schedules, for choosing `scheduleByGroup` (empty when Zendesk is not connected or has none). */
export type SchedulesFor = (tenantId: string) => Promise<{
  schedules: Array<{ id: string; name: string; schedule: { timeZone: string } }>;
  unmapped: Array<{ id: string; name: string; zendeskTimeZone: string }>;
}>;

/** The schedules as the waiting-settings answers list them (the platform's API and the Zendesk app's alike). */
export function scheduleSummaries(list: Awaited<ReturnType<SchedulesFor>> | undefined) {
  return {
    schedules: (list?.schedules ?? []).map((s) => ({ id: s.id, name: s.name, timeZone: s.schedule.timeZone })),
    unmappedSchedules: (list?.unmapped ?? []).map((s) => ({ id: s.id, name: s.name, zendeskTimeZone: s.zendeskTimeZone })),
  };
}

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
export function registerWaitingRoutes(app: OpenAPIHono<AuthEnv>, db: Database, schedulesFor?: SchedulesFor) {
  const schedules = async (tenantId: string) => scheduleSummaries(await schedulesFor?.(tenantId));
  const own = (id: string, agentId: string) => {
    if (id !== agentId) throw new BatonError('agent_not_found');
    return id;
  };
  app.openapi(getRoute, async (c) => {
    const caller = c.get('caller');
    const settings = await getWaitingSettings(db, own(c.req.valid('param').id, caller.agentId));
    return c.json({ settings, ...(await schedules(caller.tenantId)) }, 200);
  });
  app.openapi(patchRoute, async (c) => {
    const caller = c.get('caller');
    const settings = await updateWaitingSettings(db, own(c.req.valid('param').id, caller.agentId), c.req.valid('json'));
    return c.json({ settings, ...(await schedules(caller.tenantId)) }, 200);
  });
}
