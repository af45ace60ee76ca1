import { fill, type AdminStrings } from '../../admin-i18n.js';
import { MESSAGE_LOCALES, PRIORITIES, REASON_CODES, type Problems, type RuleDraft } from './rule-form.js';
import { problemWords } from './words.js';

/** What the rule does: hand off or only suggest, why, where the ticket goes, and what the customer is told. */
export function ActionFields(props: { t: AdminStrings; reasons: Record<string, string>; draft: RuleDraft; problems: Problems; language: (code: string) => string; onChange: (next: Partial<RuleDraft>) => void }) {
  const { t, draft, problems } = props;
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const tagsProblem = problems['action.routing.tags'];
  const groupProblem = problems['action.routing.groupId'];
  return (
    <fieldset class="rule-actions" data-testid="actions">
      <legend>{t.actions}</legend>
      <div class="action-grid">
        <label>{t.actionType}
          <select value={draft.type} onChange={(e) => props.onChange({ type: value(e) as RuleDraft['type'] })} data-testid="action-type">
            <option value="handoff">{t.handoff}</option>
            <option value="suggest">{t.suggest}</option>
          </select>
        </label>
        <label>{t.reason}
          <select value={draft.reasonCode} onChange={(e) => props.onChange({ reasonCode: value(e) })} data-testid="action-reason">
            {REASON_CODES.map((r) => <option key={r} value={r}>{props.reasons[r] ?? r}</option>)}
          </select>
        </label>
        <label>{t.priority}
          <select value={draft.priority} onChange={(e) => props.onChange({ priority: value(e) as RuleDraft['priority'] })} data-testid="action-priority">
            <option value="">{t.priorityDefault}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t.priorities[p]}</option>)}
          </select>
        </label>
        <label>{t.group}
          <input inputMode="numeric" value={draft.groupId} aria-invalid={!!groupProblem || undefined} aria-describedby={groupProblem ? 'group-problem' : undefined} onInput={(e) => props.onChange({ groupId: value(e) })} data-testid="action-group" />
          {groupProblem && <span class="problem" id="group-problem">{problemWords(t, groupProblem)}</span>}
        </label>
        <label class="wide">{t.tags}
          <input value={draft.tags} aria-invalid={!!tagsProblem || undefined} aria-describedby={tagsProblem ? 'tags-problem' : undefined} onInput={(e) => props.onChange({ tags: value(e) })} data-testid="action-tags" />
          {tagsProblem && <span class="problem" id="tags-problem">{problemWords(t, tagsProblem)}</span>}
        </label>
      </div>
      <details class="messages" open={Object.keys(draft.messages).length > 0}>
        <summary>{t.messages}</summary>
        {MESSAGE_LOCALES.map((locale) => (
          <label key={locale}>{fill(t.messageIn, { language: props.language(locale) })}
            <textarea rows={2} lang={locale} value={draft.messages[locale] ?? ''} onInput={(e) => props.onChange({ messages: { ...draft.messages, [locale]: value(e) } })} data-testid={`message-${locale}`} />
          </label>
        ))}
      </details>
    </fieldset>
  );
}
