import { useRef, useState } from 'preact/hooks';
import type { AdminStrings } from '../../admin-i18n.js';
import { ActionFields } from './ActionFields.js';
import { ConditionSection } from './ConditionSection.js';
import { toInput, type FieldInfo, type Problems, type RuleDraft, type RuleInput } from './rule-form.js';
import { problemWords } from './words.js';

/** Paths a control of the form shows next to itself; any other problem is listed above the buttons. */
const shownInPlace = (path: string) => path === 'name' || path === 'conditions' || /^conditions\.(all|any)\[\d+\]\.(field|operator|value)$/.test(path) || path === 'action.routing.tags' || path === 'action.routing.groupId';

/**
 * Creates or edits one rule. Problems found here or by the relay (`save` answers with them) show in words next
 * to their control, and the first one gets the focus.
 */
export function RuleEditor(props: {
  t: AdminStrings;
  reasons: Record<string, string>;
  fields: FieldInfo[];
  language: (code: string) => string;
  title: string;
  initial: RuleDraft;
  save: (input: RuleInput) => Promise<Problems | undefined>;
  cancel: () => void;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.initial);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  // A second click (or Enter) while a save is on its way would create the rule twice: the ref sees it before a re-render.
  const saving = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const change = (next: Partial<RuleDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    // Problems describe the draft as it was saved: once the admin edits, they are checked again at the next save.
    setProblems((p) => (Object.keys(p).length > 0 ? {} : p));
  };
  const focusFirstProblem = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());

  const submit = async (e: Event) => {
    e.preventDefault();
    const { input, problems: found } = toInput(draft, props.fields);
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstProblem();
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    try {
      const refused = await props.save(input);
      if (refused) {
        setProblems(refused);
        focusFirstProblem();
      }
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };
  const other = Object.entries(problems).filter(([path]) => !shownInPlace(path));
  return (
    <form ref={form} class="card rule-editor" onSubmit={(e) => void submit(e)} noValidate data-testid="rule-editor" aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title">{props.title}</h2>
      <label class="rule-name">{t.name}
        <input value={draft.name} maxLength={200} aria-invalid={!!problems.name || undefined} aria-describedby={problems.name ? 'name-problem' : undefined} onInput={(e) => change({ name: (e.target as HTMLInputElement).value })} data-testid="rule-name" />
      </label>
      {problems.name && <p class="problem" id="name-problem">{problemWords(t, problems.name)}</p>}
      <ConditionSection t={t} section="all" conditions={draft.all} fields={props.fields} problems={problems} language={props.language} onChange={(all) => change({ all })} />
      <ConditionSection t={t} section="any" conditions={draft.any} fields={props.fields} problems={problems} language={props.language} onChange={(any) => change({ any })} />
      {problems.conditions && <p class="problem" role="alert">{problemWords(t, problems.conditions)}</p>}
      <ActionFields t={t} reasons={props.reasons} draft={draft} problems={problems} language={props.language} onChange={change} />
      <label class="toggle"><input type="checkbox" checked={draft.enabled} onChange={(e) => change({ enabled: (e.target as HTMLInputElement).checked })} data-testid="rule-enabled" /> {t.active}</label>
      {other.map(([path, p]) => <p key={path} class="problem" role="alert">{problemWords(t, p)}</p>)}
      <div class="editor-buttons">
        <button class="primary" aria-disabled={busy || undefined} data-testid="save-rule">{t.save}</button>
        <button type="button" class="secondary" onClick={props.cancel} data-testid="cancel-edit">{t.cancel}</button>
      </div>
    </form>
  );
}
