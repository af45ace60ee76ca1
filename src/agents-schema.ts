import * as z from 'zod/mini';

/** The relay's answers of the AI agents page (server/app-api/agents-routes.ts), parsed at the boundary. */
const KeySchema = z.object({ id: z.string(), prefix: z.string(), label: z.nullable(z.string()), createdAt: z.string(), revokedAt: z.nullable(z.string()) });
export const AgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  callbackUrl: z.nullable(z.string()),
  handoffEnabled: z.boolean(),
  createdAt: z.string(),
  openSessions: z.number(),
  keys: z.array(KeySchema),
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.object({ agents: z.array(AgentSchema) });
export const AgentAnswerSchema = z.object({ agent: AgentSchema });
export const CreatedAgentSchema = z.object({ agent: AgentSchema, apiKey: z.string(), webhookSecret: z.string() });
export const CreatedKeySchema = z.object({ agent: AgentSchema, apiKey: z.string() });
export const RotatedSchema = z.object({ webhookSecret: z.string() });
export const TestEventSchema = z.object({
  result: z.object({ delivered: z.boolean(), status: z.nullable(z.number()), bodyExcerpt: z.optional(z.string()), error: z.optional(z.string()) }),
});
export type TestEventResult = z.infer<typeof TestEventSchema>['result'];
