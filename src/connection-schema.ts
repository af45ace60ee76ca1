import * as z from 'zod/mini';

/**
 * GET /app/v1/connection and POST …/repair (server/app-api/onboarding-routes.ts), parsed at the boundary; extra fields
 * are allowed. `code` and `user`/`status` come from a relay that sends them; `message` is the relay's English, for codes
 * this app does not know.
 */
export const HealthSchema = z.object({
  zendesk: z.string(),
  healthy: z.boolean(),
  access: z.object({ ok: z.boolean(), message: z.string(), code: z.optional(z.string()), user: z.optional(z.nullable(z.string())), status: z.optional(z.nullable(z.number())) }),
  provisioning: z.nullable(z.object({
    webhook: z.object({ present: z.boolean(), active: z.boolean(), endpointMatches: z.boolean() }),
    triggers: z.array(z.object({ title: z.string(), present: z.boolean(), active: z.boolean() })),
  })),
  lastWebhookAt: z.nullable(z.string()),
  repairProblem: z.optional(z.nullable(z.string())),
});

export type Health = z.infer<typeof HealthSchema>;
