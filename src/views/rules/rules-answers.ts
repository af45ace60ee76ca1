import * as z from 'zod/mini';
import { relayJson } from '../../relay-json.js';
import type { Rule } from './rule-form.js';

/**
 * The Rules tab's reads, parsed at the boundary (server/app-api/rules-routes.ts): anything else — a proxy's HTML page,
 * JSON of another shape — throws UnreadableAnswer, which the tab words as an unexpected answer. It used to go on as
 * `undefined` until a TypeError, which read as "the relay cannot be reached" although it had answered.
 */
export class UnreadableAnswer extends Error {}

const AgentsAnswerSchema = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
  fields: z.array(z.object({ name: z.string(), type: z.string() })),
});
// Each rule is checked for what the list reads to show it; the rest is kept as the relay sent it (looseObject), for the
// editor, which reads rules the relay itself validated on the way in.
const Condition = z.looseObject({ field: z.string(), operator: z.string() });
const RuleListSchema = z.object({
  rules: z.array(z.looseObject({
    id: z.string(), name: z.string(), enabled: z.boolean(),
    conditions: z.looseObject({ all: z.array(Condition), any: z.array(Condition) }),
    action: z.looseObject({ type: z.string(), reasonCode: z.string() }),
  })),
});

const parse = <T>(schema: z.ZodMiniType<T>, body: unknown): T => {
  const parsed = schema.safeParse(relayJson(body));
  if (!parsed.success) throw new UnreadableAnswer();
  return parsed.data;
};
export const agentsAnswer = (body: unknown) => parse(AgentsAnswerSchema, body);
export const ruleList = (body: unknown) => parse(RuleListSchema, body).rules as unknown as Rule[];
