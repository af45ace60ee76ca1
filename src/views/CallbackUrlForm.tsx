import { useState } from 'preact/hooks';
import type { AgentsStrings } from '../agents-i18n.js';
import { AgentAnswerSchema, type Agent } from '../agents-schema.js';
import type { Run } from './AgentCard.js';

/** Changing an agent's callback URL: the same check as at creation, the refusal named beside the field. */
export function CallbackUrlForm({ agent, t, run, onSaved, onCancel }: { agent: Agent; t: AgentsStrings; run: Run; onSaved: (agent: Agent) => void; onCancel: () => void }) {
  const [url, setUrl] = useState(agent.callbackUrl ?? '');
  const [problem, setProblem] = useState('');
  const id = `agent-${agent.id}-url`;
  const save = async (e: Event) => {
    e.preventDefault();
    const value = url.trim();
    if (!/^https?:\/\/[^/\s]/i.test(value)) return setProblem(t.urlInvalid);
    const r = await run(`/app/v1/ai-agents/${encodeURIComponent(agent.id)}/callback-url`, { callbackUrl: value }, (raw) => AgentAnswerSchema.parse(raw), (p) => setProblem(p.callbackUrl ?? ''));
    if (r) onSaved(r.agent);
  };
  return (
    <form class="field" onSubmit={(e) => void save(e)} noValidate data-testid="callback-form">
      <label for={id}>{t.callbackUrl}</label>
      <input id={id} value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} inputMode="url" maxLength={2048} autoComplete="off" aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : `${id}-hint`} />
      <p class="muted hint" id={`${id}-hint`}>{t.callbackHint}</p>
      {problem && <p class="error inline" id={`${id}-problem`}>{problem}</p>}
      <div class="buttons"><button class="primary" data-testid="save-callback">{t.saveCallback}</button><button type="button" class="secondary" onClick={onCancel}>{t.cancel}</button></div>
    </form>
  );
}
