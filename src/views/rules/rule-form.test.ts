import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../../server/rules/fields.js';
import { defaultRules } from '../../../server/rules/default-rules.js';
import { validateRule } from '../../../server/rules/validate.js';
import { draftOf, fieldKind, operatorsFor, problemsFromRelay, toInput, type Rule } from './rule-form.js';

const fields = Object.entries(FIELDS).map(([name, f]) => ({ name, type: f.type }));

describe('the rules editor model', () => {
  it('turns every default rule into a draft and back unchanged, and the relay accepts the result', () => {
    for (const rule of defaultRules()) {
      const { input, problems } = toInput(draftOf(rule as Rule), fields);
      expect(problems, rule.name).toEqual({});
      const { id: _id, position: _position, ...stored } = rule;
      expect(input, rule.name).toEqual(stored);
      expect(validateRule(input).ok, rule.name).toBe(true);
    }
  });

  it('offers the operators that fit a field, keeping one a rule already uses', () => {
    expect(operatorsFor(fieldKind('confidence', fields))).toEqual(['less_than', 'greater_than', 'is', 'is_not', 'present', 'not_present']);
    expect(operatorsFor(fieldKind('detected.human_request', fields))).toEqual(['is', 'is_not']);
    expect(operatorsFor(fieldKind('detected.human_request', fields), 'present')).toContain('present');
    expect(fieldKind('language', fields)).toBe('language');
  });

  it("puts the relay's problems on their rows, in words", () => {
    expect(problemsFromRelay([
      { path: 'conditions.any[1].value', message: 'not a valid pattern: missing )' },
      { path: 'conditions.all[0].operator', message: '"less_than" compares numbers; text is text' },
      { path: 'action.routing.tags[2]', message: 'Invalid string' },
      { path: 'name', message: 'Too small' },
      { path: 'action.reasonCode', message: 'Invalid option' },
    ])).toEqual({
      'conditions.any[1].value': { kind: 'badPattern', detail: 'missing )' },
      'conditions.all[0].operator': { kind: 'operatorMismatch' },
      'action.routing.tags': { kind: 'badTag' },
      name: { kind: 'nameRequired' },
      'action.reasonCode': { kind: 'other', detail: 'Invalid option' },
    });
  });
});
