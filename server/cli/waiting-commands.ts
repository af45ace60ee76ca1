import { z } from 'zod';
import { getWaitingSettings, updateWaitingSettings } from '../relay/waiting-settings.js';
import { BatonError } from '../core/errors.js';
import { CommandFailed, define, str, type Command } from './command-kit.js';

const minutes = z.string().regex(/^(\d+|off)$/, 'a number of minutes or off').transform((v) => (v === 'off' ? null : Number(v)));

/** `npm run baton -- agent:waiting`: what happens while a customer waits, per AI agent. */
export const WAITING_COMMANDS: Record<string, Command> = {
  'agent:waiting': define({
    summary: "Show or change an AI agent's waiting settings (business hours, no-agent and agent-silent timeouts); applies to sessions created after",
    usage:
      '--agent <id> [--business-hours on|off] [--no-agent-minutes N|off] [--no-agent-action keep_waiting|raise_priority|return_to_ai] ' +
      '[--no-agent-wall-clock] [--agent-silent-minutes N|off] [--agent-silent-business-hours on|off] [--group-schedule <groupId>=<scheduleId>] [--set <JSON patch>]',
    options: z.object({
      agent: str,
      'business-hours': z.enum(['on', 'off']).optional(),
      'no-agent-minutes': minutes.optional(),
      'no-agent-action': z.enum(['keep_waiting', 'raise_priority', 'return_to_ai']).optional(),
      'no-agent-wall-clock': z.boolean().optional(),
      'agent-silent-minutes': minutes.optional(),
      'agent-silent-business-hours': z.enum(['on', 'off']).optional(),
      'group-schedule': z.string().regex(/^\d+=\d+$/, 'groupId=scheduleId').optional(),
      set: z.string().optional(),
    }),
    async run(ctx, o) {
      try {
        let patch: Record<string, unknown> = o.set ? (JSON.parse(o.set) as Record<string, unknown>) : {};
        const noAgent: Record<string, unknown> = { ...(patch.noAgentTimeout as object | undefined) };
        if (o['no-agent-minutes'] !== undefined) noAgent.minutes = o['no-agent-minutes'];
        if (o['no-agent-action']) noAgent.action = o['no-agent-action'];
        if (o['no-agent-wall-clock']) noAgent.businessHours = false;
        if (Object.keys(noAgent).length > 0) patch = { ...patch, noAgentTimeout: noAgent };
        const silent: Record<string, unknown> = { ...(patch.agentSilent as object | undefined) };
        if (o['agent-silent-minutes'] !== undefined) silent.minutes = o['agent-silent-minutes'];
        if (o['agent-silent-business-hours']) silent.businessHours = o['agent-silent-business-hours'] === 'on';
        if (Object.keys(silent).length > 0) patch = { ...patch, agentSilent: silent };
        if (o['business-hours']) patch = { ...patch, useBusinessHours: o['business-hours'] === 'on' };
        if (o['group-schedule']) {
          const [group, schedule] = o['group-schedule'].split('=') as [string, string];
          const current = await getWaitingSettings(ctx.db, o.agent);
          patch = { ...patch, scheduleByGroup: { ...current.scheduleByGroup, ...(patch.scheduleByGroup as object | undefined), [group]: schedule } };
        }
        const settings = Object.keys(patch).length > 0 ? await updateWaitingSettings(ctx.db, o.agent, patch) : await getWaitingSettings(ctx.db, o.agent);
        ctx.print(JSON.stringify(settings, null, 2));
      } catch (error) {
        if (error instanceof SyntaxError) throw new CommandFailed(`--set is not JSON: ${error.message}`);
        if (error instanceof BatonError) throw new CommandFailed(error.message);
        throw error;
      }
    },
  }),
};
