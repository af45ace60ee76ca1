import type { AdminStrings } from '../../admin-i18n.js';
import { ConditionRow } from './ConditionRow.js';
import { newCondition, type ConditionDraft, type FieldInfo, type Problems, type Section } from './rule-form.js';

/** "Meet ALL / ANY of the following conditions", as Zendesk's trigger editor lays them out. */
export function ConditionSection(props: { t: AdminStrings; section: Section; conditions: ConditionDraft[]; fields: FieldInfo[]; problems: Problems; language: (code: string) => string; onChange: (next: ConditionDraft[]) => void }) {
  const { t, section, conditions } = props;
  const title = section === 'all' ? t.allTitle : t.anyTitle;
  const headingId = `conditions-${section}-title`;
  return (
    <fieldset class="conditions" aria-labelledby={headingId} data-testid={`section-${section}`}>
      <legend id={headingId}>{title}</legend>
      <ol>
        {conditions.map((c, i) => (
          <ConditionRow
            key={c.key}
            t={t}
            section={section}
            index={i}
            condition={c}
            fields={props.fields}
            problems={props.problems}
            language={props.language}
            onChange={(next) => props.onChange(conditions.map((x, j) => (j === i ? next : x)))}
            onRemove={() => props.onChange(conditions.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <button type="button" class="secondary" onClick={() => props.onChange([...conditions, newCondition('text', props.fields)])} aria-describedby={headingId} data-testid={`add-condition-${section}`}>{t.addCondition}</button>
    </fieldset>
  );
}
