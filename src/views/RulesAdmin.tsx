import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fill, type AdminStrings } from '../admin-i18n.js';
import type { Strings } from '../i18n.js';
import { relayProblem } from '../connection-problem.js';
import { relayErrorBody } from '../relay-error-body.js';
import { draftOf, emptyDraft, problemsFromRelay, type FieldInfo, type Problems, type Rule, type RuleInput } from './rules/rule-form.js';
import { RuleEditor } from './rules/RuleEditor.js';
import { RuleList } from './rules/RuleList.js';
import { agentsAnswer, ruleList, UnreadableAnswer } from './rules/rules-answers.js';
import { TestMessage, type Decision } from './rules/TestMessage.js';
import { languageNamer } from './rules/words.js';
import { useTabShown } from './tab-shown.js';

export type Call = <T>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown) => Promise<T>;
type Editing = { rule?: Rule } | undefined;

/**
 * The nav_bar's rules tab, with the habits of Zendesk's trigger editor: the rules in order (drag or move up/down),
 * each switched on/off, edited or deleted in place; ALL/ANY condition sections; "Test a message" in words.
 * Reads work for anyone with the app; the relay wants an admin session for changes and this page offers the sign-in.
 */
export function RulesAdmin({ call, t, errors, locale, signInAsAdmin }: { call: Call; t: AdminStrings; errors: Strings; locale?: string; signInAsAdmin?: () => Promise<void> }) {
  const [agents, setAgents] = useState<Array<{ id: string; name: string }> | undefined>();
  const [fields, setFields] = useState<FieldInfo[]>([]);
  const [agentId, setAgentId] = useState('');
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<Editing>();
  const [error, setError] = useState('');
  // A failed read (agents or rules) apart from a refused change: only a read is worth the Retry button.
  const [readError, setReadError] = useState('');
  const [status, setStatus] = useState('');
  // A change the relay refused for want of an admin session: retried once the admin has signed in.
  const [needsAdmin, setNeedsAdmin] = useState<(() => Promise<unknown>) | undefined>();
  const language = useMemo(() => languageNamer(locale), [locale]);
  const reasons = errors.reasons as Record<string, string>;
  /** The same words as the other tabs for no answer, a relay error, a refused app and a rate limit; else unexpected. */
  // An answer the page could not read (no HTTP status to go by) is unexpected, not "cannot be reached".
  const relayProblemOf = (caught: unknown) => (caught instanceof UnreadableAnswer ? undefined : relayProblem(caught, errors));
  const problemOf = (caught: unknown) => relayProblemOf(caught) ?? errors.unexpected;
  const base = `/app/v1/agents/${agentId}/rules`;
  // Read again each time the admin comes back to the tab; the rule being edited and the chosen agent stay.
  const shown = useTabShown();
  // A failed read is not retried by itself (the page has no poll): Retry reads again once the relay is back, as on Insights.
  const [attempt, setAttempt] = useState(0);
  const title = useRef<HTMLHeadingElement>(null);
  const readFailed = (caught: unknown) => setReadError(problemOf(caught));
  const retry = () => {
    setAttempt((n) => n + 1);
    // The button goes while the page reads again: the focus waits on the page's title rather than falling to the body.
    title.current?.focus();
  };

  useEffect(() => {
    // Every read starts here (the tab shown again, Retry): a failure from an earlier round no longer stands.
    setReadError('');
    call<unknown>('/app/v1/agents', 'GET')
      .then(agentsAnswer)
      .then((r) => {
        setAgents(r.agents);
        setFields(r.fields);
        setAgentId((id) => (r.agents.some((a) => a.id === id) ? id : (r.agents[0]?.id ?? id)));
      })
      .catch(readFailed);
  }, [call, errors, shown, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = async () => setRules(ruleList(await call<unknown>(base, 'GET')));
  useEffect(() => {
    if (agentId) reload().catch(readFailed);
  }, [call, agentId, shown, attempt]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Runs a change; answers the relay's validation problems (for the editor), handles the rest here. */
  const write = async (change: () => Promise<unknown>, done?: string): Promise<Problems | undefined> => {
    setError('');
    setStatus('');
    setNeedsAdmin(undefined);
    try {
      await change();
      if (done) setStatus(done);
      return undefined;
    } catch (caught) {
      const relayError = relayErrorBody(caught);
      if (relayError?.code === 'validation_failed' && relayError.issues.length > 0) return problemsFromRelay(relayError.issues);
      if (relayError?.code === 'admin_required' && signInAsAdmin) setNeedsAdmin(() => change);
      // A rate limit or the relay's own error in the admin's words (its English message is for its operator); the
      // relay's message is kept for refusals this page has no words of its own for.
      // not_found: the rule went away in another admin's page meanwhile (the reload below shows the list as it is).
      setError(relayError?.code === 'admin_required' ? t.adminRequired : relayError?.code === 'not_found' ? t.ruleGone : relayProblemOf(caught) ?? relayError?.message ?? errors.unexpected);
      await reload().catch(() => undefined); // an optimistic change the relay refused is undone
      return undefined;
    }
  };
  const signInAndRetry = async (retry: () => Promise<unknown>) => {
    try {
      await signInAsAdmin!();
      setNeedsAdmin(undefined);
      setError('');
      await retry();
    } catch {
      setError(t.adminRequired);
    }
  };

  const save = (input: RuleInput) => {
    const rule = editing?.rule;
    return write(async () => {
      await (rule ? call(`${base}/${rule.id}`, 'PUT', input) : call(base, 'POST', input));
      await reload();
      setEditing(undefined);
    }, t.saved);
  };
  const move = (rule: Rule, to: number) => {
    if (to < 0 || to >= rules.length) return;
    const order = rules.filter((r) => r.id !== rule.id);
    order.splice(to, 0, rule);
    setRules(order);
    void write(async () => setRules(ruleList(await call<unknown>(`${base}/reorder`, 'POST', { ids: order.map((r) => r.id) }))), fill(t.moved, { name: rule.name, n: to + 1, total: order.length }));
  };
  const toggle = (rule: Rule, enabled: boolean) => {
    setRules(rules.map((r) => (r.id === rule.id ? { ...r, enabled } : r)));
    void write(async () => {
      await call(`${base}/${rule.id}/enabled`, 'POST', { enabled });
      await reload();
    });
  };
  const remove = (rule: Rule) => void write(async () => setRules(ruleList(await call<unknown>(`${base}/${rule.id}`, 'DELETE'))), t.deletedOne);

  if (agents && agents.length === 0) return <p class="empty">{t.noAgents}</p>;
  return (
    <div class="page rules-admin">
      <h1 ref={title} tabIndex={-1}>{t.title}</h1>
      {(error || readError) && <p class="error" role="alert" data-testid="admin-error">{error || readError}</p>}
      {readError && <button class="secondary" onClick={retry} data-testid="rules-retry">{errors.retry}</button>}
      {needsAdmin && <button class="primary" onClick={() => void signInAndRetry(needsAdmin)} data-testid="admin-sign-in">{t.signInAsAdmin}</button>}
      <p class="sr-only" role="status" data-testid="admin-status">{status}</p>
      {/* A slow relay would otherwise read as an account without rules. */}
      {!error && !readError && !agents && <p class="empty" data-testid="rules-loading">{errors.loading}</p>}
      {/* Nothing to choose or write before the AI agents are read: a rule begun then would have no agent to go to.
          Each part is guarded on its own: wrapped in one fragment, the open editor was mounted afresh when a save
          failed, and the admin's draft was lost (e2e/admin-pages.test.ts, "keeps the draft"). */}
      {agents && (
        <div class="controls">
          <label>{t.agent} <select value={agentId} onChange={(e) => setAgentId((e.target as HTMLSelectElement).value)}>{agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
          {!editing && <button class="primary" onClick={() => setEditing({})} data-testid="new-rule">{t.newRule}</button>}
        </div>
      )}
      {agents && editing && (
        <RuleEditor
          key={editing.rule?.id ?? 'new'}
          t={t}
          reasons={reasons}
          fields={fields}
          language={language}
          title={editing.rule ? fill(t.editRule, { name: editing.rule.name }) : t.newRule}
          initial={editing.rule ? draftOf(editing.rule) : emptyDraft(fields)}
          save={save}
          cancel={() => setEditing(undefined)}
        />
      )}
      {agents && <RuleList t={t} reasons={reasons} rules={rules} language={language} onEdit={(rule) => setEditing({ rule })} onDelete={remove} onToggle={toggle} onMove={move} />}
      {agents && <TestMessage t={t} reasons={reasons} language={language} test={async (text) => (await call<{ decision: Decision }>(`${base}/test`, 'POST', { turn: { text } })).decision} problemOf={problemOf} />}
    </div>
  );
}
