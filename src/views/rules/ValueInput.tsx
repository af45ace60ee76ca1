import type { AdminStrings } from '../../admin-i18n.js';
import { LANGUAGES, type ConditionDraft, type FieldKind } from './rule-form.js';

/** The value control a field calls for: yes/no, a language picker, a number, a pattern, or text. */
export function ValueInput(props: { t: AdminStrings; kind: FieldKind; condition: ConditionDraft; label: string; language: (code: string) => string; invalid: boolean; describedBy?: string; onInput: (value: string) => void }) {
  const { t, kind, condition: c, label } = props;
  const common = { 'aria-label': label, 'aria-invalid': props.invalid || undefined, 'aria-describedby': props.describedBy, 'data-testid': 'condition-value' };
  const onInput = (e: Event) => props.onInput((e.target as HTMLInputElement).value);
  if (kind === 'boolean') {
    return <select {...common} value={c.value || 'true'} onChange={onInput}><option value="true">{t.yes}</option><option value="false">{t.no}</option></select>;
  }
  if (kind === 'language' && c.operator !== 'includes') {
    const codes = c.value && !LANGUAGES.includes(c.value) ? [c.value, ...LANGUAGES] : LANGUAGES;
    return (
      <select {...common} value={c.value} onChange={onInput}>
        <option value="">—</option>
        {codes.map((code) => <option key={code} value={code}>{`${props.language(code)} (${code})`}</option>)}
      </select>
    );
  }
  if (kind === 'number' && c.operator !== 'includes') return <input {...common} type="number" step="any" inputMode="decimal" value={c.value} onInput={onInput} />;
  return <input {...common} type="text" class={c.operator === 'matches' ? 'pattern' : undefined} spellcheck={c.operator !== 'matches'} value={c.value} onInput={onInput} />;
}
