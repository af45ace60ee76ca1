import { z } from '@hono/zod-openapi';
import { REASON_CODES } from '../core/reason-codes.js';
import { RoutingSchema } from '../rules/schema.js';

/**
 * What `POST /v1/conversations/{id}/evaluate` and `POST /v1/rules/test` answer (rules/evaluate.ts's Decision), as a
 * named schema. It was `unknown` in the document, so the SDK typed `decision` as `unknown` and a platform could not
 * write `result.decision.handoff` without a cast. Named wrappers here: rules/schema.ts is plain zod (see rules-docs.ts).
 */
const ConditionTraceSchema = z
  .object({
    path: z.string().openapi({ example: 'conditions.all[0]' }),
    field: z.string(),
    operator: z.string(),
    expected: z.unknown().optional(),
    actual: z.unknown().optional(),
    matched: z.boolean(),
    skipped: z.boolean().optional().openapi({ description: 'Not evaluated: an earlier `all` condition of the rule already failed' }),
    error: z.string().optional(),
    detail: z.unknown().optional().openapi({ description: "A detector's reasons (for `detected.human_request`: language, phrase family, words matched)" }),
  })
  .openapi('ConditionTrace');

const RuleTraceSchema = z
  .object({
    ruleId: z.string(),
    name: z.string(),
    matched: z.boolean(),
    skipped: z.enum(['disabled']).optional(),
    conditions: z.array(ConditionTraceSchema),
  })
  .openapi('RuleTrace');

export const DecisionSchema = z
  .object({
    handoff: z.boolean().openapi({ description: 'A rule of type `handoff` matched: hand the conversation to a human' }),
    suggestOnly: z.boolean().openapi({ description: 'A rule of type `suggest` matched: offer the customer a human, do not hand off yet' }),
    disabled: z.boolean().openapi({ description: 'Handoff is switched off for this AI agent: no rule was tried' }),
    rule: z.object({ id: z.string(), name: z.string() }).nullable(),
    reasonCode: z.enum(REASON_CODES).nullable(),
    routing: z.object(RoutingSchema.shape).nullable(),
    message: z.string().nullable().openapi({ description: "The matched rule's handoff message in the customer's locale (`pt-BR` → `pt` → `en`), if it has one" }),
    trace: z.array(RuleTraceSchema),
  })
  .openapi('Decision');

