import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fill, loadAgentsStrings, type AgentsStrings } from '../agents-i18n.js';
import { AgentListSchema, CreatedAgentSchema, type Agent } from '../agents-schema.js';
import { relayErrorBody } from '../relay-error-body.js';
import { relayJson } from '../relay-json.js';
import type { Strings } from '../i18n.js';
import { relayProblem } from '../connection-problem.js';
import { AgentCard, type Run } from './AgentCard.js';
import { OnceSecrets, type Secret } from './OnceSecrets.js';
import { useTabShown } from './tab-shown.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;
type FieldProblems = { name?: string; callbackUrl?: string };

type Props = { call: Call; errors: Strings; locale: string | undefined; signInAsAdmin?: () => Promise<void> };

/** The AI agents tab: its strings arrive first, in the admin's language only. */
export function AgentsPage(props: Props) {
  const [t, setT] = useState<AgentsStrings | undefined>();
  useEffect(() => void loadAgentsStrings(props.locale).then(setT), [props.locale]);
  return t ? <AgentsAdmin {...props} t={t} /> : null;
}

/**
 * The AI agents page (nav_bar): list, create, test, keys, signing secret, handoff switch, delete. The relay
 * answers only with an admin session; without one the page offers the Zendesk admin sign-in and retries.
 */
export function AgentsAdmin({ call, t, errors, locale, signInAsAdmin }: Props & { t: AgentsStrings }) {
  const [agents, setAgents] = useState<Agent[] | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [retry, setRetry] = useState<(() => Promise<void>) | undefined>();
  const [secrets, setSecrets] = useState<{ agentId: string; list: Secret[] } | undefined>();
  const [form, setForm] = useState({ name: '', callbackUrl: '' });
  const [problems, setProblems] = useState<FieldProblems>({});
  // A second click (or Enter) while the first create is on its way would make a second agent whose key and secret are never shown.
  const creating = useRef(false);
  // Where the focus waits while Retry reads the list again (the button goes), rather than falling to the body.
  const title = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const date = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);

  /** One call; a refusal for want of an admin session offers the sign-in, which then repeats the call. */
  const run = useCallback(async function attempt<T>(path: string, body: unknown, parse: (raw: unknown) => T, onFields?: (p: FieldProblems) => void): Promise<T | undefined> {
    setError('');
    setNotice('');
    setRetry(undefined);
    try {
      const raw = await call<unknown>(path, body === undefined ? 'GET' : 'POST', body);
      return parse(relayJson(raw));
    } catch (caught) {
      const relay = relayErrorBody(caught);
      if (relay?.code === 'admin_required') {
        setError(t.adminRequired);
        if (signInAsAdmin) setRetry(() => async () => void (await attempt(path, body, parse, onFields)));
      } else if (relay?.code === 'validation_failed' && onFields) {
        const paths = new Set(relay.issues.map((i) => i.path));
        onFields({ ...(paths.has('name') ? { name: t.nameRequired } : {}), ...(paths.has('callbackUrl') || paths.size === 0 ? { callbackUrl: t.urlInvalid } : {}) });
      } else {
        // No status: the relay did answer, with a body this page cannot read (thrown by `parse`), not "cannot be reached".
        setError((relay && relayProblem(caught, errors)) || errors.unexpected);
      }
      return undefined;
    }
  }, [call, t, errors, signInAsAdmin]);

  const load = useCallback(async () => {
    const r = await run('/app/v1/ai-agents', undefined, (raw) => AgentListSchema.parse(raw));
    if (r) setAgents(r.agents);
  }, [run]);
  // Read again each time the admin comes back to the tab; the cards (keyed by agent) keep what was typed in them.
  const shown = useTabShown();
  useEffect(() => void load(), [load, shown]);

  const signInAndRetry = async () => {
    const again = retry!;
    try {
      await signInAsAdmin!();
    } catch {
      setError(t.adminRequired);
      return;
    }
    // Before the list ever loaded, the refused call was the list itself.
    if (agents) await again();
    else await load();
  };

  const create = async (e: Event) => {
    e.preventDefault();
    const local: FieldProblems = { ...(form.name.trim() ? {} : { name: t.nameRequired }), ...(/^https?:\/\/[^/\s]/i.test(form.callbackUrl.trim()) ? {} : { callbackUrl: t.urlInvalid }) };
    setProblems(local);
    if (local.name || local.callbackUrl || creating.current) return;
    creating.current = true;
    setBusy(true);
    const r = await run('/app/v1/ai-agents', { name: form.name.trim(), callbackUrl: form.callbackUrl.trim() }, (raw) => CreatedAgentSchema.parse(raw), setProblems)
      .finally(() => { creating.current = false; setBusy(false); });
    if (!r) return;
    setAgents((list) => [...(list ?? []), r.agent]);
    setForm({ name: '', callbackUrl: '' });
    setSecrets({ agentId: r.agent.id, list: [
      { label: t.apiKey, value: r.apiKey, testId: 'once-api-key' },
      { label: t.signingSecret, value: r.webhookSecret, testId: 'once-signing-secret' },
    ] });
  };
  const replace = (agent: Agent) => setAgents((list) => list?.map((a) => (a.id === agent.id ? agent : a)));
  const runForCard: Run = (path, body, parse, onFields) => run(path, body, parse, onFields);
  const field = (key: keyof typeof form) => ({
    id: `new-agent-${key}`,
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value }),
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `new-agent-${key}-problem` : key === 'callbackUrl' ? 'new-agent-callbackUrl-hint' : undefined,
  });

  return (
    <div class="page agents-admin">
      <h1 ref={title} tabIndex={-1}>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {error && <p class="error" role="alert" data-testid="agents-error">{error}</p>}
      {retry && <button class="primary" onClick={() => void signInAndRetry()} data-testid="agents-sign-in">{t.signIn}</button>}
      {/* The list could not be read (relay down, unexpected answer): read again once it is back, as Insights and Rules do. */}
      {error && !retry && !agents && <button class="secondary" onClick={() => { title.current?.focus(); void load(); }} data-testid="agents-retry">{errors.retry}</button>}
      {notice && <p role="status" data-testid="agents-notice">{notice}</p>}
      {secrets && !agents?.some((a) => a.id === secrets.agentId) && <OnceSecrets secrets={secrets.list} t={t} onDone={() => setSecrets(undefined)} />}
      {/* A slow relay would otherwise read as an account without AI agents. */}
      {!error && !retry && !agents && <p class="empty" data-testid="agents-loading">{errors.loading}</p>}
      {agents && agents.length === 0 && <p class="empty">{t.none}</p>}
      {agents?.map((agent) => (
          <AgentCard
            key={agent.id}
            agent={agent}
            locale={locale}
            t={t}
            date={date}
            run={runForCard}
            onChanged={replace}
            onSecrets={(list) => setSecrets({ agentId: agent.id, list })}
            onDeleted={() => {
              setAgents((list) => list?.filter((a) => a.id !== agent.id));
              if (secrets?.agentId === agent.id) setSecrets(undefined);
              setNotice(fill(t.deleted, { name: agent.name }));
            }}
          >
            {secrets?.agentId === agent.id && <OnceSecrets secrets={secrets.list} t={t} onDone={() => setSecrets(undefined)} />}
          </AgentCard>
      ))}
      {agents && (
        <form class="card" onSubmit={(e) => void create(e)} noValidate data-testid="create-agent">
          <h2>{t.create}</h2>
          <div class="field">
            <label for="new-agent-name">{t.name}</label>
            <input {...field('name')} maxLength={200} autoComplete="off" />
            {problems.name && <p class="error inline" id="new-agent-name-problem">{problems.name}</p>}
          </div>
          <div class="field">
            <label for="new-agent-callbackUrl">{t.callbackUrl}</label>
            <input {...field('callbackUrl')} inputMode="url" placeholder="https://ai.example.com/baton" maxLength={2048} autoComplete="off" />
            <p class="muted hint" id="new-agent-callbackUrl-hint">{t.callbackHint}</p>
            {problems.callbackUrl && <p class="error inline" id="new-agent-callbackUrl-problem">{problems.callbackUrl}</p>}
          </div>
          <button class="primary" aria-disabled={busy || undefined} data-testid="create-agent-button">{t.createButton}</button>
        </form>
      )}
    </div>
  );
}
