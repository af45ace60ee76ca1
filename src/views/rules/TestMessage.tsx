import { useState } from 'preact/hooks';
import { fill, type AdminStrings } from '../../admin-i18n.js';
import type { Condition } from './rule-form.js';
import { conditionWords } from './words.js';

type ConditionTrace = { path: string; field: string; operator: string; expected: unknown; actual: unknown; matched: boolean; skipped?: boolean; error?: string };
export type Decision = {
  handoff: boolean;
  suggestOnly: boolean;
  disabled?: boolean;
  rule: { name: string } | null;
  reasonCode: string | null;
  trace: Array<{ ruleId: string; name: string; matched: boolean; skipped?: 'disabled'; conditions: ConditionTrace[] }>;
};

/** "Test a message": the relay evaluates the saved rules on it and this says, condition by condition, what held. */
export function TestMessage(props: {
  t: AdminStrings;
  reasons: Record<string, string>;
  language: (code: string) => string;
  test: (text: string) => Promise<Decision>;
  /** Why a test got no decision, in words (the relay unreachable, or an answer this page does not understand). */
  problemOf: (caught: unknown) => string;
}) {
  const { t } = props;
  const [sample, setSample] = useState('');
  const [decision, setDecision] = useState<Decision | undefined>();
  const [problem, setProblem] = useState('');
  const run = async (e: Event) => {
    e.preventDefault();
    try {
      setDecision(await props.test(sample));
      setProblem('');
    } catch (caught) {
      // Without this the button seemed to do nothing, or left the decision of an earlier message on show.
      setDecision(undefined);
      setProblem(props.problemOf(caught));
    }
  };
  const actual = (v: unknown) => (v === undefined || v === null || v === '' ? t.result.nothing : typeof v === 'boolean' ? (v ? t.yes : t.no) : typeof v === 'string' ? `“${v}”` : JSON.stringify(v));
  const result = (c: ConditionTrace) =>
    c.skipped ? t.result.skipped : c.error ? fill(t.result.error, { detail: c.error }) : `${c.matched ? t.result.met : t.result.notMet} (${fill(t.result.actual, { actual: actual(c.actual) })})`;
  const reason = (code: string | null) => (code ? props.reasons[code] ?? code : '');
  return (
    <form class="card" onSubmit={(e) => void run(e)} data-testid="test-message">
      <h2>{t.tryIt}</h2>
      <div class="controls">
        <label class="grow"><span class="sr-only">{t.tryIt}</span>
          <input value={sample} placeholder={t.tryPlaceholder} onInput={(e) => setSample((e.target as HTMLInputElement).value)} data-testid="sample" />
        </label>
        <button class="primary">{t.tryButton}</button>
      </div>
      {problem && <p class="error" role="alert" data-testid="test-problem">{problem}</p>}
      {decision && (
        <div aria-live="polite" data-testid="decision-area">
          <p data-testid="decision">
            <strong>
              {decision.disabled ? t.handoffOff : !decision.rule ? t.noMatch : fill(decision.handoff ? t.decisionHandoff : t.decisionSuggest, { rule: decision.rule.name, reason: reason(decision.reasonCode) })}
            </strong>
          </p>
          <ul class="trace" data-testid="trace">
            {decision.trace.map((r) => (
              <li key={r.ruleId} class={r.matched ? 'matched' : undefined}>
                {r.name}: {r.skipped ? t.result.disabled : r.matched ? t.matched : t.result.notMet}
                {r.conditions.length > 0 && (
                  <ul>
                    {r.conditions.map((c) => (
                      <li key={c.path} data-testid="condition-result" data-matched={String(c.matched)}>
                        {c.matched ? '✓' : '✗'} {conditionWords(t, { field: c.field, operator: c.operator, value: c.expected } as Condition, props.language)}: {result(c)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
