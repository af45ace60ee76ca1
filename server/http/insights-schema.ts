import { z } from '@hono/zod-openapi';

/** The shape of `InsightsReport` (server/insights/report.ts) for the OpenAPI document. */
const Duration = z.object({ count: z.number().int(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable() });

const BreakdownRow = z
  .object({
    key: z.string().openapi({ description: 'Reason code, rule id (`trigger:<name>` for a custom trigger), intent, language or AI agent id; `(none)` when absent' }),
    label: z.string(),
    handoffs: z.number().int(),
    share: z.number().openapi({ description: 'Of all handoffs in the period, 0..1' }),
    previous: z.number().int().openapi({ description: 'Handoffs in the previous period of equal length' }),
    change: z.number().nullable().openapi({ description: '(handoffs − previous) / previous; null when previous is 0' }),
  })
  .openapi('InsightsBreakdownRow');

export const InsightsReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), bucket: z.enum(['day', 'week']), timeZone: z.string(), agentId: z.string().nullable() }),
    summary: z.object({
      handoffs: z.number().int(),
      conversations: z.number().int().openapi({ description: 'Conversations first evaluated or handed off in the period, plus those first seen before it that were handed off in it' }),
      handedOffConversations: z.number().int().openapi({ description: 'Conversations handed off in the period, each counted once' }),
      handoffRate: z.number().nullable().openapi({ description: 'handedOffConversations / conversations (0..1, never above 1)' }),
      failed: z.number().int().openapi({ description: 'Handoffs whose ticket could not be created' }),
      returnedToAi: z.number().int(),
      returnedShare: z.number().nullable(),
      reescalated: z.number().int().openapi({ description: 'Handoffs whose customer was handed off again within 7 days' }),
      reescalatedShare: z.number().nullable(),
      firstReply: Duration.openapi({ description: 'From handoff to the first agent reply' }),
      solve: Duration.openapi({ description: 'From handoff to the first return to the AI (ticket solved or Return to AI)' }),
      waiting: z.object({
        firstReplyWithinHours: Duration.openapi({ description: 'First reply of handoffs accepted within business hours' }),
        firstReplyOutsideHours: Duration.openapi({ description: 'First reply of handoffs accepted outside business hours (the wait includes closed hours)' }),
        timeouts: z.object({ noAgent: z.number().int(), agentSilent: z.number().int() }).openapi({ description: 'Waiting timeouts that fired, by kind' }),
      }),
    }),
    trend: z.array(z.object({ start: z.string(), handoffs: z.number().int(), conversations: z.number().int(), rate: z.number().nullable() })),
    breakdowns: z.object({
      reason: z.array(BreakdownRow),
      rule: z.array(BreakdownRow),
      intent: z.array(BreakdownRow),
      language: z.array(BreakdownRow),
      agent: z.array(BreakdownRow).openapi({ description: 'Per AI agent (key: agent id, label: its name)' }),
    }),
    rising: z.array(BreakdownRow),
    gaps: z.array(
      BreakdownRow.extend({
        dimension: z.enum(['reason', 'intent']),
        examples: z.array(z.object({ sessionId: z.string(), ticketId: z.string().nullable(), createdAt: z.string(), summary: z.string().nullable() })),
      }),
    ),
  })
  .openapi('InsightsReport');
