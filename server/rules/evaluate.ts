import { readField, type EvaluationContext } from './fields.js';
import { applyOperator } from './operators.js';
import type { Condition, Rule, Turn } from './schema.js';

export interface ConditionTrace {
  path: string;
  field: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  matched: boolean;
  error?: string;
}

export interface RuleTrace {
  ruleId: string;
  name: string;
  matched: boolean;
  skipped?: 'disabled';
  conditions: ConditionTrace[];
}

export interface Decision {
  handoff: boolean;
  suggestOnly: boolean;
  disabled: boolean;
  rule: { id: string; name: string } | null;
  reasonCode: string | null;
  routing: Rule['action']['routing'] | null;
  message: string | null;
  trace: RuleTrace[];
}

/** The handoff message for the customer's locale: exact (`pt-BR`), then the base language (`pt`), then `en`. */
export function pickMessage(messages: Record<string, string>, locale: string | undefined): string | null {
  if (locale) {
    const exact = Object.keys(messages).find((k) => k.toLowerCase() === locale.toLowerCase());
    if (exact) return messages[exact]!;
    const base = locale.split('-')[0]!.toLowerCase();
    const sameBase = Object.keys(messages).find((k) => k.split('-')[0]!.toLowerCase() === base);
    if (sameBase) return messages[sameBase]!;
  }
  return messages.en ?? Object.values(messages)[0] ?? null;
}

function check(c: Condition, path: string, turn: Turn, ctx: EvaluationContext): ConditionTrace {
  const base = { path, field: c.field, operator: c.operator, expected: c.value };
  try {
    const actual = readField(c.field, turn, ctx);
    return { ...base, actual: typeof actual === 'string' && actual.length > 200 ? `${actual.slice(0, 200)}…` : actual, matched: applyOperator(c.operator, actual, c.value) };
  } catch (error) {
    // A broken condition never crashes evaluation: it just does not match, and the trace says why.
    return { ...base, actual: undefined, matched: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Evaluates rules in position order: the first enabled rule whose `all` conditions hold and (if any)
 * one of its `any` conditions holds decides. Pure and deterministic (`ctx.now` only feeds business
 * hours); never throws.
 */
export function evaluate(rules: readonly Rule[], turn: Turn, ctx: EvaluationContext = {}): Decision {
  const none: Decision = { handoff: false, suggestOnly: false, disabled: false, rule: null, reasonCode: null, routing: null, message: null, trace: [] };
  if (ctx.handoffEnabled === false) return { ...none, disabled: true };
  const trace: RuleTrace[] = [];
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (!rule.enabled) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, skipped: 'disabled', conditions: [] });
      continue;
    }
    const all = rule.conditions.all.map((c, i) => check(c, `conditions.all[${i}]`, turn, ctx));
    const any = rule.conditions.any.map((c, i) => check(c, `conditions.any[${i}]`, turn, ctx));
    const matched =
      (all.length > 0 || any.length > 0) && all.every((c) => c.matched) && (any.length === 0 || any.some((c) => c.matched));
    trace.push({ ruleId: rule.id, name: rule.name, matched, conditions: [...all, ...any] });
    if (!matched) continue;
    const locale = turn.language ?? (typeof turn.customer.locale === 'string' ? turn.customer.locale : undefined);
    return {
      handoff: rule.action.type === 'handoff',
      suggestOnly: rule.action.type === 'suggest',
      disabled: false,
      rule: { id: rule.id, name: rule.name },
      reasonCode: rule.action.reasonCode,
      routing: rule.action.routing,
      message: pickMessage(rule.action.messages, locale),
      trace,
    };
  }
  return { ...none, trace };
}
