import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fill, type AgentsStrings } from '../agents-i18n.js';
import { AgentAnswerSchema, CreatedKeySchema, RotatedSchema, TestEventSchema, type Agent, type TestEventResult } from '../agents-schema.js';
import type { Secret } from './OnceSecrets.js';

/** Runs one relay call for the page: the parsed answer, or undefined once the page has shown why not (a refused field beside it, given `onFields`). */
export type Run = <T>(path: string, body: unknown, parse: (raw: unknown) => T, onFields?: (p: { name?: string; callbackUrl?: string }) => void) => Promise<T | undefined>;

type Pending = { text: string; action: () => Promise<void> };

/** One AI agent: its switch, test event, keys, signing secret and deletion, each change confirmed where it cannot be undone. */
export function AgentCard({ agent, t, date, run, onChanged, onSecrets, onDeleted, children, locale }: {
  agent: Agent;
  locale: string | undefined;
  t: AgentsStrings;
  date: (iso: string) => string;
  run: Run;
  onChanged: (agent: Agent) => void;
  onSecrets: (secrets: Secret[]) => void;
  onDeleted: () => void;
  /** Shown right under the agent's name: the secrets just made for it. */
  children?: ComponentChildren;
}) {
  const [test, setTest] = useState<TestEventResult | undefined>();
  const [testing, setTesting] = useState(false);
  const [pending, setPending] = useState<Pending | undefined>();
  const [editing, setEditing] = useState(false);
  // Changing settings (callback URL, "While the customer waits") is its own chunk, fetched the first time it is needed.
  const [parts, setParts] = useState<typeof import('./AgentSettings.js') | undefined>();
  const [waitingOpen, setWaitingOpen] = useState(false);
  const issuing = useRef(false);
  const sending = useRef(false);
  const base = `/app/v1/ai-agents/${encodeURIComponent(agent.id)}`;
  const headingId = `agent-${agent.id}`;

  const toggle = async (enabled: boolean) => {
    const r = await run(`${base}/handoff`, { enabled }, (raw) => AgentAnswerSchema.parse(raw));
    if (r) onChanged(r.agent);
  };
  const sendTest = async () => {
    // aria-disabled does not stop a second click before the re-render: the platform would get two test events.
    if (sending.current) return;
    sending.current = true;
    setTesting(true);
    setTest(undefined);
    const r = await run(`${base}/test-event`, {}, (raw) => TestEventSchema.parse(raw)).finally(() => (sending.current = false));
    setTesting(false);
    if (r) setTest(r.result);
  };
  const newKey = async () => {
    // A double click would issue two keys and show only one: the other, live, was never seen by anyone.
    if (issuing.current) return;
    issuing.current = true;
    const r = await run(`${base}/keys`, {}, (raw) => CreatedKeySchema.parse(raw)).finally(() => (issuing.current = false));
    if (!r) return;
    onChanged(r.agent);
    onSecrets([{ label: t.apiKey, value: r.apiKey, testId: 'once-api-key' }]);
  };
  const rotate = async () => {
    const r = await run(`${base}/signing-secret`, {}, (raw) => RotatedSchema.parse(raw));
    if (r) onSecrets([{ label: t.signingSecret, value: r.webhookSecret, testId: 'once-signing-secret' }]);
  };
  const revoke = async (keyId: string) => {
    const r = await run(`${base}/keys/${encodeURIComponent(keyId)}/revoke`, {}, (raw) => AgentAnswerSchema.parse(raw));
    if (r) onChanged(r.agent);
  };
  const remove = async () => {
    if (await run(`${base}/delete`, {}, (raw) => raw)) onDeleted();
  };
  const ask = (text: string, action: () => Promise<void>) => setPending({ text, action });
  const open = async (show: () => void) => {
    if (!parts) setParts(await import('./AgentSettings.js'));
    show();
  };

  return (
    <article class="card agent" aria-labelledby={headingId} data-testid="agent-card" data-agent-id={agent.id}>
      <div class="card-head">
        <h2 id={headingId}>{agent.name}</h2>
        <span class="muted">{fill(t.created, { date: date(agent.createdAt) })} · {fill(t.openSessions, { n: agent.openSessions })}</span>
      </div>
      {children}
      {editing && parts ? <parts.CallbackUrlForm agent={agent} t={t} run={run} onSaved={(a) => { onChanged(a); setEditing(false); }} onCancel={() => setEditing(false)} /> : (
        <p class="callback"><span class="muted">{t.callbackUrl}: </span><code>{agent.callbackUrl ?? '—'}</code>{' '}
          <button class="link" onClick={() => void open(() => setEditing(true))} aria-label={`${t.editCallback}: ${agent.name}`} data-testid="edit-callback">{t.editCallback}</button></p>
      )}
      <label class="switch">
        <input type="checkbox" role="switch" checked={agent.handoffEnabled} onChange={(e) => void toggle((e.target as HTMLInputElement).checked)} data-testid="handoff-toggle" />
        {' '}{t.handoff}
      </label>

      <div class="buttons">
        <button class="secondary" onClick={() => void sendTest()} disabled={!agent.callbackUrl} aria-disabled={testing} data-testid="send-test">{t.sendTest}</button>
        <button class="secondary" onClick={() => ask(t.rotateConfirm, rotate)} data-testid="rotate">{t.rotate}</button>
        <button class="secondary" onClick={() => void newKey()} data-testid="new-key">{t.newKey}</button>
        <button class="secondary danger" onClick={() => ask(fill(t.deleteConfirm, { name: agent.name, n: agent.openSessions }), remove)} data-testid="delete">{t.delete}</button>
      </div>
      <div role="status" data-testid="test-result">{test && <TestResult result={test} t={t} />}</div>
      {pending && <Confirm text={pending.text} t={t} onCancel={() => setPending(undefined)} onConfirm={async () => { setPending(undefined); await pending.action(); }} />}

      <h3>{t.keys}</h3>
      <ul class="keys" data-testid="keys">
        {agent.keys.map((k) => (
          <li key={k.id} data-key-id={k.id} class={k.revokedAt ? 'revoked' : ''}>
            <code>{k.prefix}…</code>
            {k.label && <span> · {k.label}</span>}
            <span class="muted"> · {fill(t.keyLine, { date: date(k.createdAt) })}</span>
            {k.revokedAt
              ? <span class="muted" data-testid="revoked"> · {fill(t.keyRevoked, { date: date(k.revokedAt) })}</span>
              : <button class="link" onClick={() => ask(fill(t.revokeConfirm, { prefix: k.prefix }), () => revoke(k.id))} aria-label={`${t.revoke} ${k.prefix}…`} data-testid="revoke">{t.revoke}</button>}
          </li>
        ))}
      </ul>
      <button class="secondary" aria-expanded={waitingOpen} onClick={() => void open(() => setWaitingOpen(!waitingOpen))} data-testid="waiting-toggle">{t.waiting}</button>
      {waitingOpen && parts && <parts.WaitingSettings agentId={agent.id} run={run} locale={locale} />}
    </article>
  );
}

function TestResult({ result, t }: { result: TestEventResult; t: AgentsStrings }) {
  if (result.status === null) return <p class="error inline">{fill(t.testNoAnswer, { error: result.error ?? '' })}</p>;
  return (
    <div class={result.delivered ? 'test-ok' : 'error inline'}>
      <p>{fill(result.delivered ? t.testOk : t.testRefused, { status: result.status })}</p>
      {result.bodyExcerpt && (
        <figure>
          <figcaption class="muted">{t.bodyExcerpt}</figcaption>
          <pre data-testid="test-body">{result.bodyExcerpt}</pre>
        </figure>
      )}
    </div>
  );
}

/** An inline confirmation (dialogs may be blocked in the app's iframe): focus goes to the button that proceeds. */
function Confirm({ text, t, onConfirm, onCancel }: { text: string; t: AgentsStrings; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div class="confirm" role="group" aria-label={text} data-testid="confirm">
      <p>{text}</p>
      <div class="buttons">
        <button class="primary" ref={yes} onClick={() => void onConfirm()} data-testid="confirm-yes">{t.confirm}</button>
        <button class="secondary" onClick={onCancel}>{t.cancel}</button>
      </div>
    </div>
  );
}
