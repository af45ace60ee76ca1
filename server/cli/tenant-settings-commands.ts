import { z } from 'zod';
import { findTenant, RETURN_TO_AI_TICKET_STATUSES, setReturnToAiTicketStatus } from '../store/tenants.js';
import { CommandFailed, define, str, type Command } from './command-kit.js';

/** `npm run baton -- tenant:settings`: per-tenant behaviour an admin chooses. */
export const TENANT_SETTINGS_COMMANDS: Record<string, Command> = {
  'tenant:settings': define({
    summary: "Show or change a tenant's settings (what Return to AI does to the ticket: solved, pending or unchanged)",
    usage: '--tenant <id> [--return-to-ai-ticket-status solved|pending|unchanged]',
    options: z.object({ tenant: str, 'return-to-ai-ticket-status': z.enum(RETURN_TO_AI_TICKET_STATUSES).optional() }),
    async run(ctx, o) {
      const status = o['return-to-ai-ticket-status'];
      if (status && !(await setReturnToAiTicketStatus(ctx.db, o.tenant, status))) {
        throw new CommandFailed(`No tenant ${o.tenant}`);
      }
      const tenant = await findTenant(ctx.db, o.tenant);
      if (!tenant) {
        throw new CommandFailed(`No tenant ${o.tenant}`);
      }
      ctx.print(`return-to-ai-ticket-status: ${tenant.returnToAiTicketStatus}`);
    },
  }),
};
