import * as z from 'zod/mini';

/** The relay's SessionView (server/app-api/app-view.ts), parsed at the boundary; extra fields are allowed. */
export const SessionViewSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'waiting', 'human', 'returned', 'failed', 'ended']),
  version: z.number(),
  stateChangedAt: z.string(),
  ticketId: z.nullable(z.string()),
  reason: z.object({ code: z.string(), text: z.nullable(z.string()) }),
  summary: z.nullable(z.string()),
  priority: z.string(),
  signals: z.object({ confidence: z.optional(z.number()), sentiment: z.optional(z.number()), intent: z.optional(z.string()) }),
  rule: z.nullable(z.object({ id: z.string(), name: z.string() })),
  trigger: z.nullable(z.string()),
  transitions: z.array(z.object({ from: z.nullable(z.string()), to: z.string(), at: z.string(), version: z.number(), cause: z.string() })),
  messages: z.array(
    z.object({
      id: z.string(),
      role: z.enum(['user', 'assistant', 'agent', 'system']),
      text: z.string(),
      createdAt: z.string(),
      attachments: z.array(z.object({ url: z.string(), name: z.nullable(z.string()) })),
      authorName: z.nullable(z.string()),
      delivery: z.nullable(z.object({ state: z.enum(['pending', 'delivered', 'failed']), attempts: z.number() })),
    }),
  ),
});
export type SessionView = z.infer<typeof SessionViewSchema>;
