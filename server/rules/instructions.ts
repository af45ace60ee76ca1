import { FIELDS } from './fields.js';
import type { Condition, Rule } from './schema.js';

const OPERATOR_WORDS: Record<string, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  matches: 'matches the pattern',
  less_than: 'is below',
  greater_than: 'is above',
  includes: 'is one of',
  present: 'is given',
  not_present: 'is not given',
};

function describeCondition(c: Condition): string {
  const field = FIELDS[c.field]?.describe ?? c.field.replace(/[._]/g, ' ');
  if (c.field.startsWith('detected.') && c.value === true) return field;
  if (c.field.startsWith('detected.') && c.value === false) return `not (${field})`;
  const value = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(c.value)}`;
  return `${field} ${OPERATOR_WORDS[c.operator] ?? c.operator}${value}`;
}

/**
 * The rules as "when to use" text for the platform's LLM prompt, so the model and the rules agree.
 * Deterministic: same rules, same text.
 */
export function renderHandoffInstructions(rules: readonly Rule[], handoffEnabled = true): string {
  if (!handoffEnabled) return 'Handing off to a human is switched off for this assistant. Do not offer it.';
  const active = [...rules].filter((r) => r.enabled).sort((a, b) => a.position - b.position);
  if (active.length === 0) return 'No handoff rules are set: hand off only when the customer explicitly asks for a human.';
  const lines = active.map((r, i) => {
    const all = r.conditions.all.map(describeCondition);
    const any = r.conditions.any.map(describeCondition);
    const when = [all.join(' and '), any.length ? `(${any.join(' or ')})` : ''].filter(Boolean).join(' and ');
    const what = r.action.type === 'handoff' ? 'hand the conversation to a human' : 'offer the customer a human';
    return `${i + 1}. When ${when}: ${what} (reason "${r.action.reasonCode}").`;
  });
  return ['Use the human handoff in these cases, checked in this order:', ...lines, 'Otherwise keep helping the customer yourself.'].join('\n');
}
