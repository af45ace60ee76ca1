import * as z from 'zod/mini';

/** The relay's InsightsReport (server/insights/report.ts), parsed at the boundary; extra fields are allowed. */
const Row = z.object({ key: z.string(), label: z.string(), handoffs: z.number(), share: z.number(), previous: z.number(), change: z.nullable(z.number()) });
const Duration = z.object({ count: z.number(), medianSeconds: z.nullable(z.number()), p90Seconds: z.nullable(z.number()) });

export const InsightsReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), bucket: z.enum(['day', 'week']), timeZone: z.optional(z.string()), agentId: z.nullable(z.string()) }),
  summary: z.object({
    handoffs: z.number(),
    conversations: z.number(),
    handedOffConversations: z.optional(z.number()),
    handoffRate: z.nullable(z.number()),
    failed: z.number(),
    returnedToAi: z.number(),
    returnedShare: z.nullable(z.number()),
    reescalated: z.number(),
    reescalatedShare: z.nullable(z.number()),
    firstReply: Duration,
    solve: Duration,
    // Optional: a relay from before waiting times (issue #14) sends none, and the page then shows no section.
    waiting: z.optional(z.object({
      firstReplyWithinHours: Duration,
      firstReplyOutsideHours: Duration,
      timeouts: z.object({ noAgent: z.number(), agentSilent: z.number() }),
    })),
  }),
  trend: z.array(z.object({ start: z.string(), handoffs: z.number(), conversations: z.number(), rate: z.nullable(z.number()) })),
  breakdowns: z.object({ reason: z.array(Row), rule: z.array(Row), intent: z.array(Row), language: z.array(Row), agent: z.optional(z.array(Row)) }),
  rising: z.array(Row),
  gaps: z.array(
    z.extend(Row, {
      dimension: z.enum(['reason', 'intent']),
      examples: z.array(z.object({ sessionId: z.string(), ticketId: z.nullable(z.string()), createdAt: z.string(), summary: z.nullable(z.string()) })),
    }),
  ),
});
export type InsightsReport = z.infer<typeof InsightsReportSchema>;
export type BreakdownRow = InsightsReport['rising'][number];

/** `GET /app/v1/agents`: the AI agents to filter by (the rules page reads more fields of the same answer). */
export const AgentListSchema = z.object({ agents: z.array(z.object({ id: z.string(), name: z.string() })) });
