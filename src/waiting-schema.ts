import * as z from 'zod/mini';

/** The relay's answer about an agent's waiting settings (server/app-api/waiting-routes.ts), parsed at the boundary. */
const Minutes = z.nullable(z.number());
export const WaitingAnswerSchema = z.object({
  settings: z.object({
    useBusinessHours: z.boolean(),
    noAgentTimeout: z.object({ minutes: Minutes, businessHours: z.boolean(), action: z.enum(['keep_waiting', 'raise_priority', 'return_to_ai']), priority: z.enum(['high', 'urgent']), tag: z.string() }),
    agentSilent: z.object({ minutes: Minutes, businessHours: z.optional(z.boolean()), tag: z.nullable(z.string()), note: z.boolean() }),
    scheduleByGroup: z.record(z.string(), z.string()),
    estimateMinSamples: z.number(),
  }),
  schedules: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
  // Schedules left out for a time zone the relay cannot map; absent from a relay older than this list.
  unmappedSchedules: z.optional(z.array(z.object({ id: z.string(), name: z.string(), zendeskTimeZone: z.string() }))),
});
export type WaitingAnswer = z.infer<typeof WaitingAnswerSchema>;
export type WaitingSettingsView = WaitingAnswer['settings'];
