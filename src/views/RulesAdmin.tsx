import { useEffect, useState } from 'preact/hooks';
import type { AdminStrings } from '../admin-i18n.js';
import type { Strings } from '../i18n.js';
import type { ZafClient } from '../zaf.js';

type Rule = { id: string; name: string; position: number; enabled: boolean; action: { type: string; reasonCode: string } };
type Decision = { handoff: boolean; suggestOnly: boolean; rule: { name: string } | null; reasonCode: string | null; trace: Array<{ name: string; matched: boolean; conditions: Array<{ path: string; field: string; matched: boolean }> }> };
const OPERATORS = ['contains', 'is', 'is_not', 'not_contains', 'matches', 'less_than', 'greater_than', 'includes', 'present', 'not_present'];
const REASONS = ['customer_request', 'ai_unable', 'low_confidence', 'negative_sentiment', 'custom_trigger', 'policy', 'vip', 'other'];

/** The nav_bar page: an admin sees the rules, adds one from a form and tries them on a sample message. */
export function RulesAdmin({ call, t, errors, signInAsAdmin }: { call: <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>; t: AdminStrings; errors: Strings; signInAsAdmin?: () => Promise<void> }) {
  const [agents, setAgents] = useState<Array<{ id: string; name: string }> | undefined>();
  const [fields, setFields] = useState<Array<{ name: string }>>([]);
  const [agentId, setAgentId] = useState('');
  const [rules, setRules] = useState<Rule[]>([]);
  const [error, setError] = useState('');
  const [form, setForm] = useState({ name: '', field: 'text', operator: 'contains', value: '', type: 'handoff', reasonCode: 'other' });
  const [sample, setSample] = useState('');
  const [decision, setDecision] = useState<Decision | undefined>();
  // A change the relay refused for want of an admin session: retried once the admin has signed in.
  const [needsAdmin, setNeedsAdmin] = useState<(() => Promise<void>) | undefined>();

  useEffect(() => {
    call<{ agents: Array<{ id: string; name: string }>; fields: Array<{ name: string }> }>('/app/v1/agents', 'GET')
      .then((r) => {
        setAgents(r.agents);
        setFields(r.fields);
        if (r.agents[0]) setAgentId(r.agents[0].id);
      })
      .catch(() => setError(errors.unreachable));
  }, [call, errors]);
  useEffect(() => {
    if (agentId) void call<{ rules: Rule[] }>(`/app/v1/agents/${agentId}/rules`, 'GET').then((r) => setRules(r.rules));
  }, [call, agentId]);

  const add = async (e?: Event) => {
    e?.preventDefault();
    setError('');
    setNeedsAdmin(undefined);
    const value = form.operator === 'less_than' || form.operator === 'greater_than' ? Number(form.value) : form.value === 'true' ? true : form.value === 'false' ? false : form.value;
    try {
      await call(`/app/v1/agents/${agentId}/rules`, 'POST', {
        name: form.name,
        conditions: { all: [{ field: form.field, operator: form.operator, ...(form.operator.endsWith('present') ? {} : { value }) }], any: [] },
        action: { type: form.type, reasonCode: form.reasonCode },
      });
      setRules((await call<{ rules: Rule[] }>(`/app/v1/agents/${agentId}/rules`, 'GET')).rules);
      setForm({ ...form, name: '', value: '' });
    } catch (caught) {
      const relayError = errorOf(caught);
      if (relayError?.code === 'admin_required' && signInAsAdmin) setNeedsAdmin(() => () => add());
      setError(relayError?.code === 'admin_required' ? t.adminRequired : relayError?.message ?? errors.unexpected);
    }
  };
  const signInAndRetry = async (retry: () => Promise<void>) => {
    try {
      await signInAsAdmin!();
      await retry();
    } catch {
      setError(t.adminRequired);
    }
  };
  const tryIt = async (e: Event) => {
    e.preventDefault();
    setDecision((await call<{ decision: Decision }>(`/app/v1/agents/${agentId}/rules/test`, 'POST', { turn: { text: sample } })).decision);
  };
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });

  if (agents && agents.length === 0) return <p class="empty">{t.noAgents}</p>;
  return (
    <main>
      <h1>{t.title}</h1>
      {error && <p class="error" role="alert" data-testid="admin-error">{error}</p>}
      {needsAdmin && <button class="primary" onClick={() => void signInAndRetry(needsAdmin)} data-testid="admin-sign-in">{t.signInAsAdmin}</button>}
      <label>{t.agent} <select value={agentId} onChange={(e) => setAgentId((e.target as HTMLSelectElement).value)}>{(agents ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
      <ol class="card" data-testid="rules">
        {rules.map((r) => <li key={r.id}>{r.name} <span class="muted">· {r.action.type} · {r.action.reasonCode} · {r.enabled ? t.on : t.off}</span></li>)}
      </ol>
      <form class="card" onSubmit={(e) => void add(e)} data-testid="add-rule">
        <h2>{t.add}</h2>
        <input placeholder={t.name} value={form.name} onInput={set('name')} required />
        <select aria-label={t.field} value={form.field} onChange={set('field')}>{fields.map((f) => <option key={f.name}>{f.name}</option>)}</select>
        <select aria-label={t.operator} value={form.operator} onChange={set('operator')}>{OPERATORS.map((o) => <option key={o}>{o}</option>)}</select>
        <input placeholder={t.value} value={form.value} onInput={set('value')} />
        <select aria-label={t.reason} value={form.reasonCode} onChange={set('reasonCode')}>{REASONS.map((r) => <option key={r}>{r}</option>)}</select>
        <select value={form.type} onChange={set('type')}><option value="handoff">{t.handoff}</option><option value="suggest">{t.suggest}</option></select>
        <button class="primary">{t.add}</button>
      </form>
      <form class="card" onSubmit={(e) => void tryIt(e)}>
        <h2>{t.tryIt}</h2>
        <input placeholder={t.tryPlaceholder} value={sample} onInput={(e) => setSample((e.target as HTMLInputElement).value)} data-testid="sample" />
        <button class="primary">{t.tryButton}</button>
        {decision && (
          <p data-testid="decision">
            {decision.rule ? `${decision.handoff ? t.handoff : t.suggest}: ${decision.rule.name} (${decision.reasonCode}) — ${t.matched}: ${decision.trace.find((r) => r.matched)?.conditions.filter((c) => c.matched).map((c) => c.field).join(', ')}` : t.noMatch}
          </p>
        )}
      </form>
    </main>
  );
}

/** The relay's `{"error": {code, message}}` from a failed proxy request, if it sent one. */
function errorOf(caught: unknown): { code: string | undefined; message: string } | undefined {
  try {
    const parsed = JSON.parse((caught as { responseText?: string }).responseText ?? '') as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.message !== 'string') return undefined;
    return { code: typeof parsed.error.code === 'string' ? parsed.error.code : undefined, message: parsed.error.message };
  } catch {
    return undefined;
  }
}
