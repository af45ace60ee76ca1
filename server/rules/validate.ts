import { fieldType } from './fields.js';
import { compilePattern } from './operators.js';
import { withUnknownFieldsNamed } from '../core/unknown-fields.js';
import { RuleInputSchema, type Condition, type RuleInput } from './schema.js';

export interface RuleProblem {
  path: string;
  message: string;
}

const NUMERIC = new Set(['less_than', 'greater_than']);
const TEXTUAL = new Set(['contains', 'not_contains', 'matches']);

function checkCondition(c: Condition, path: string): RuleProblem[] {
  const type = fieldType(c.field);
  if (!type) return [{ path: `${path}.field`, message: `unknown field "${c.field}" (see GET /v1/rules/fields)` }];
  const problems: RuleProblem[] = [];
  const needsValue = c.operator !== 'present' && c.operator !== 'not_present';
  if (needsValue && c.value === undefined) problems.push({ path: `${path}.value`, message: `operator "${c.operator}" needs a value` });
  if (NUMERIC.has(c.operator) && (type === 'text' || type === 'boolean' || (c.value !== undefined && typeof c.value !== 'number'))) {
    problems.push({ path: `${path}.operator`, message: `"${c.operator}" compares numbers; ${c.field} is ${type}` });
  }
  if (TEXTUAL.has(c.operator) && (type === 'number' || type === 'boolean')) {
    problems.push({ path: `${path}.operator`, message: `"${c.operator}" works on text; ${c.field} is a ${type}` });
  }
  if (c.operator === 'matches' && typeof c.value === 'string') {
    try {
      compilePattern(c.value);
    } catch (error) {
      problems.push({ path: `${path}.value`, message: `not a valid pattern: ${(error as Error).message}` });
    }
  }
  return problems;
}

/** Parses and checks a rule, pointing at the offending part (`conditions.all[2].operator`). */
export function validateRule(input: unknown): { ok: true; rule: RuleInput } | { ok: false; problems: RuleProblem[] } {
  const parsed = RuleInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: withUnknownFieldsNamed(parsed.error.issues).map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '').replace(/\.\[/g, '['), message: i.message })) };
  }
  const rule = parsed.data;
  const problems = [
    ...rule.conditions.all.flatMap((c, i) => checkCondition(c, `conditions.all[${i}]`)),
    ...rule.conditions.any.flatMap((c, i) => checkCondition(c, `conditions.any[${i}]`)),
  ];
  if (rule.conditions.all.length + rule.conditions.any.length === 0) problems.push({ path: 'conditions', message: 'a rule needs at least one condition' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rule };
}
