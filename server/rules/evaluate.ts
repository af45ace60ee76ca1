import { explainField, readField, type EvaluationContext } from './fields.js';
import { applyOperator } from './operators.js';
import type { ReasonCode } from '../core/reason-codes.js';
import type { Condition, Rule, Turn } from './schema.js';

export interface ConditionTrace {
  path: string;
  field: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  matched: boolean;
  /** Not evaluated: an earlier `all` condition of the rule already failed. */
  skipped?: boolean;
  error?: string;
  /** A detector's reasons: for `detected.human_request`, the language, phrase family and words that matched. */
  detail?: unknown;
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
  reasonCode: ReasonCode | null;
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

/** Cheap checks first: an `all` stops at its first miss, so the costly ones often never run. */
const COST: Record<string, number> = { present: 0, not_present: 0, is: 1, is_not: 1, less_than: 1, greater_than: 1, includes: 1, contains: 2, not_contains: 2, matches: 3 };
const costOf = (c: Condition) => (COST[c.operator] ?? 2) + (c.field.startsWith('detected.') ? 3 : 0);

function check(c: Condition, path: string, turn: Turn, ctx: EvaluationContext, fields: Map<string, unknown>): ConditionTrace {
  const base = { path, field: c.field, operator: c.operator, expected: c.value };
  try {
    let actual = fields.get(c.field);
    if (actual === undefined && !fields.has(c.field)) {
      actual = readField(c.field, turn, ctx);
      fields.set(c.field, actual);
    }
    const detail = explainField(c.field, turn);
    return {
      ...base,
      actual: typeof actual === 'string' && actual.length > 200 ? `${actual.slice(0, 200)}…` : actual,
      matched: applyOperator(c.operator, actual, c.value),
      ...(detail === undefined ? {} : { detail }),
    };
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
  const fields = new Map<string, unknown>(); // each field read once per evaluation (the detectors are not free)
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    if (!rule.enabled) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, skipped: 'disabled', conditions: [] });
      continue;
    }
    const all: ConditionTrace[] = new Array(rule.conditions.all.length);
    let allHold = true;
    const order = rule.conditions.all.map((_, i) => i).sort((a, b) => costOf(rule.conditions.all[a]!) - costOf(rule.conditions.all[b]!));
    for (const i of order) {
      const c = rule.conditions.all[i]!;
      const path = `conditions.all[${i}]`;
      all[i] = allHold
        ? check(c, path, turn, ctx, fields)
        : { path, field: c.field, operator: c.operator, expected: c.value, actual: undefined, matched: false, skipped: true };
      if (!all[i]!.matched) allHold = false;
    }
    const any = allHold ? rule.conditions.any.map((c, i) => check(c, `conditions.any[${i}]`, turn, ctx, fields)) : [];
    const matched =
      (rule.conditions.all.length > 0 || rule.conditions.any.length > 0) && allHold && (any.length === 0 || any.some((c) => c.matched));
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
