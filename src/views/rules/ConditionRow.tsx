import { fill, type AdminStrings } from '../../admin-i18n.js';
import { fieldKind, needsValue, newCondition, operatorsFor, PREFIXES, type ConditionDraft, type FieldInfo, type Problems, type Section } from './rule-form.js';
import { ValueInput } from './ValueInput.js';
import { fieldLabel, operatorLabel, problemWords } from './words.js';

/** One "field → operator → value" row of a section, with its problems in words underneath the control they concern. */
export function ConditionRow(props: {
  t: AdminStrings;
  section: Section;
  index: number;
  condition: ConditionDraft;
  fields: FieldInfo[];
  problems: Problems;
  language: (code: string) => string;
  onChange: (next: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const { t, condition: c, fields } = props;
  const n = props.index + 1;
  const path = `conditions.${props.section}[${props.index}]`;
  const row = fill(t.conditionN, { n });
  const id = `${props.section}-${c.key}`;
  const kind = fieldKind(c.field, fields);
  const fieldProblem = props.problems[`${path}.field`];
  const operatorProblem = props.problems[`${path}.operator`];
  const valueProblem = props.problems[`${path}.value`];
  const changeField = (field: string) => {
    const fresh = newCondition(field, fields);
    props.onChange({ ...fresh, key: c.key, attribute: c.attribute });
  };
  const names = [...fields.map((f) => f.name), ...PREFIXES];
  if (!names.includes(c.field)) names.unshift(c.field);
  return (
    <li data-testid={`condition-${props.section}`}>
      <div class="condition" role="group" aria-label={row}>
      <select aria-label={`${t.field} (${row})`} value={c.field} onChange={(e) => changeField((e.target as HTMLSelectElement).value)} data-testid="condition-field">
        {names.map((f) => <option key={f} value={f}>{fieldLabel(t, f)}</option>)}
      </select>
      {PREFIXES.includes(c.field as never) && (
        <input aria-label={`${t.attribute} (${row})`} value={c.attribute} aria-invalid={!!fieldProblem || undefined} aria-describedby={fieldProblem ? `${id}-field-problem` : undefined} onInput={(e) => props.onChange({ ...c, attribute: (e.target as HTMLInputElement).value })} data-testid="condition-attribute" />
      )}
      <select aria-label={`${t.operator} (${row})`} value={c.operator} aria-invalid={!!operatorProblem || undefined} aria-describedby={operatorProblem ? `${id}-operator-problem` : undefined} onChange={(e) => props.onChange({ ...c, operator: (e.target as HTMLSelectElement).value as ConditionDraft['operator'] })} data-testid="condition-operator">
        {operatorsFor(kind, c.operator).map((o) => <option key={o} value={o}>{operatorLabel(t, o)}</option>)}
      </select>
      {needsValue(c.operator) && (
        <ValueInput t={t} kind={kind} condition={c} label={`${t.value} (${row})`} language={props.language} invalid={!!valueProblem} describedBy={valueProblem ? `${id}-value-problem` : undefined} onInput={(value) => props.onChange({ ...c, value })} />
      )}
      <button type="button" class="link remove" onClick={props.onRemove} data-testid="remove-condition">{fill(t.removeCondition, { n })}</button>
      {fieldProblem && <p class="problem" id={`${id}-field-problem`}>{problemWords(t, fieldProblem)}</p>}
      {operatorProblem && <p class="problem" id={`${id}-operator-problem`}>{problemWords(t, operatorProblem)}</p>}
      {valueProblem && <p class="problem" id={`${id}-value-problem`} data-testid="value-problem">{problemWords(t, valueProblem)}</p>}
      </div>
    </li>
  );
}
