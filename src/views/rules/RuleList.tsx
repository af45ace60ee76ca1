import { useEffect, useRef, useState } from 'preact/hooks';
import { fill, type AdminStrings } from '../../admin-i18n.js';
import type { Rule } from './rule-form.js';
import { conditionWords } from './words.js';

type Props = {
  t: AdminStrings;
  reasons: Record<string, string>;
  rules: Rule[];
  language: (code: string) => string;
  onEdit: (rule: Rule) => void;
  onDelete: (rule: Rule) => void;
  onToggle: (rule: Rule, enabled: boolean) => void;
  /** The rule moves to `to` (0-based) in the list. */
  onMove: (rule: Rule, to: number) => void;
};

/** The rules in the order they are tried: what each does in words, with switch, edit, delete, and reordering by drag or buttons. */
export function RuleList(props: Props) {
  const { t, rules } = props;
  const [confirming, setConfirming] = useState<string | undefined>();
  const [dragged, setDragged] = useState<string | undefined>();
  // Keyboard use: the control to focus once the list has re-rendered. Moving a rule moves its <li> (and the first
  // change to the default rules replaces them with the agent's copies), which drops the focus of the ↑/↓ just
  // pressed; the delete confirmation sits before the Delete button, out of Tab's way forward. By position, since
  // ids change; only while the focus is lost (on the body), never taken from where the admin has gone since.
  const [focusNext, setFocusNext] = useState<{ index: number; testIds: string[]; now?: boolean } | undefined>();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusNext || !(focusNext.now || document.activeElement === document.body || !document.activeElement)) return;
    const item = list.current?.querySelectorAll('[data-testid=rule]')[focusNext.index];
    const target = focusNext.testIds.map((id) => item?.querySelector<HTMLButtonElement>(`[data-testid=${id}]`)).find((b) => b && !b.disabled);
    target?.focus();
    if (focusNext.now && target) setFocusNext({ ...focusNext, now: false });
  }, [focusNext, rules, confirming]);
  const move = (rule: Rule, to: number, testId: 'move-up' | 'move-down') => {
    setFocusNext({ index: to, testIds: [testId, testId === 'move-up' ? 'move-down' : 'move-up'] });
    props.onMove(rule, to);
  };
  return (
    <ol class="rule-list" data-testid="rules" ref={list}>
      {rules.map((rule, i) => {
        const conditions = [...rule.conditions.all, ...rule.conditions.any];
        return (
          <li
            key={rule.id}
            class={`rule${dragged === rule.id ? ' dragging' : ''}${rule.enabled ? '' : ' off'}`}
            draggable
            onDragStart={(e) => {
              setDragged(rule.id);
              e.dataTransfer?.setData('text/plain', rule.id);
            }}
            onDragEnd={() => setDragged(undefined)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const moving = rules.find((r) => r.id === (e.dataTransfer?.getData('text/plain') || dragged));
              setDragged(undefined);
              if (moving && moving.id !== rule.id) props.onMove(moving, i);
            }}
            data-testid="rule"
            data-rule-id={rule.id}
          >
            <span class="drag-handle" aria-hidden="true" title={fill(t.dragHandle, { name: rule.name })}>⠿</span>
            <div class="rule-body">
              <div class="rule-head">
                <span class="rule-number">{i + 1}.</span> <strong data-testid="rule-name">{rule.name}</strong>{' '}
                <span class="muted">· {rule.action.type === 'handoff' ? t.handoff : t.suggest} · {props.reasons[rule.action.reasonCode] ?? rule.action.reasonCode}</span>
              </div>
              <ul class="rule-conditions" data-testid="rule-conditions">
                {rule.conditions.all.length > 0 && <li>{t.allTitle}: {rule.conditions.all.map((c) => conditionWords(t, c, props.language)).join('; ')}</li>}
                {rule.conditions.any.length > 0 && <li>{t.anyTitle}: {rule.conditions.any.map((c) => conditionWords(t, c, props.language)).join('; ')}</li>}
                {conditions.length === 0 && <li>{t.noConditions}</li>}
              </ul>
              {confirming === rule.id && (
                <div class="confirm rule-confirm" role="alertdialog" aria-labelledby={`confirm-${rule.id}`} data-testid="confirm-delete">
                  <p id={`confirm-${rule.id}`}>{fill(t.confirmDelete, { name: rule.name })}</p>
                  <button class="primary danger" onClick={() => (setConfirming(undefined), props.onDelete(rule))} data-testid="confirm-delete-yes">{t.confirmDeleteYes}</button>{' '}
                  <button class="secondary" onClick={() => (setConfirming(undefined), setFocusNext({ index: i, testIds: ['delete-rule'], now: true }))}>{t.cancel}</button>
                </div>
              )}
            </div>
            <div class="rule-tools">
              <label class="toggle"><input type="checkbox" checked={rule.enabled} onChange={(e) => props.onToggle(rule, (e.target as HTMLInputElement).checked)} aria-label={`${t.active}: ${rule.name}`} data-testid="rule-active" /> {rule.enabled ? t.on : t.off}</label>
              <button class="link" onClick={() => move(rule, i - 1, 'move-up')} disabled={i === 0} aria-label={`${t.moveUp}: ${rule.name}`} data-testid="move-up">↑</button>
              <button class="link" onClick={() => move(rule, i + 1, 'move-down')} disabled={i === rules.length - 1} aria-label={`${t.moveDown}: ${rule.name}`} data-testid="move-down">↓</button>
              <button class="link" onClick={() => props.onEdit(rule)} aria-label={`${t.edit}: ${rule.name}`} data-testid="edit-rule">{t.edit}</button>
              <button class="link danger" onClick={() => (setConfirming(rule.id), setFocusNext({ index: i, testIds: ['confirm-delete-yes'], now: true }))} aria-label={`${t.delete}: ${rule.name}`} data-testid="delete-rule">{t.delete}</button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
