import { z } from 'zod';
import { REASON_CODES } from '../core/reason-codes.js';

/**
 * Rule shapes (conditions as Zendesk admins know them from triggers: `all` / `any` of field-operator-value).
 * Strict objects: these are what clients send (API, app, CLI), and a misspelt key (`enable`, `routing.group`) must be
 * refused by name, not dropped — a dropped one saves a rule that does something else than its author meant.
 */
export const OPERATORS = [
  'is', 'is_not', 'contains', 'not_contains', 'matches', 'less_than', 'greater_than', 'includes', 'present', 'not_present',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const ConditionSchema = z.strictObject({
  field: z.string().min(1).max(200),
  operator: z.enum(OPERATORS),
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(100)]).optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const RoutingSchema = z.strictObject({
  groupId: z.number().int().positive().optional(),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).optional(),
  tags: z.array(z.string().regex(/^[a-z0-9_:\-]{1,80}$/)).max(20).optional(),
});

export const ActionSchema = z.strictObject({
  type: z.enum(['handoff', 'suggest']),
  reasonCode: z.enum(REASON_CODES),
  routing: RoutingSchema.default({}),
  /** Handoff message for the customer per locale (`en`, `de`, `pt-BR`, …). */
  messages: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/), z.string().max(1_000)).default({}),
});

export const RuleInputSchema = z.strictObject({
  name: z.string().min(1).max(200),
  enabled: z.boolean().default(true),
  conditions: z.strictObject({ all: z.array(ConditionSchema).max(50).default([]), any: z.array(ConditionSchema).max(50).default([]) }),
  action: ActionSchema,
});
export type RuleInput = z.infer<typeof RuleInputSchema>;
export type Rule = RuleInput & { id: string; position: number };

export const TurnSchema = z.strictObject({
  text: z.string().max(32_000).default(''),
  language: z.string().max(20).optional(),
  signals: z
    .strictObject({ confidence: z.number().min(0).max(1).optional(), sentiment: z.number().min(-1).max(1).optional(), intent: z.string().max(200).optional() })
    .default({}),
  consecutiveFallbacks: z.number().int().min(0).max(1_000).optional(),
  turnCount: z.number().int().min(0).max(100_000).optional(),
  waitingSeconds: z.number().min(0).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  /** The platform's own answer to "within business hours?"; without it the relay computes it from Zendesk's schedule. */
  businessHours: z.boolean().optional(),
  customer: z.record(z.string().max(100), z.unknown()).default({}),
  metadata: z.record(z.string().max(100), z.unknown()).default({}),
  trigger: z.strictObject({ name: z.string().min(1).max(100), payload: z.record(z.string(), z.unknown()).default({}) }).optional(),
});
export type Turn = z.infer<typeof TurnSchema>;
