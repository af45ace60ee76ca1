import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConnectStrings } from '../connect-i18n.js';
import { accessWords } from '../access-words.js';
import { codeOf, connectionProblem, type ProblemWords } from '../connection-problem.js';
import { HealthSchema, type Health } from '../connection-schema.js';
import { relayJson } from '../relay-json.js';
import { useTabShown } from './tab-shown.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;

export type { Health };

/**
 * The relay's answer as the page reads it. Anything else (a proxy's HTML page, JSON of another shape) is an
 * UnreadableAnswer: said as "an unexpected answer" — it used to reach the render and throw there, the page stuck on
 * "Checking the connection…".
 */
class UnreadableAnswer extends Error {}
const healthOf = (body: unknown): Health => {
  const parsed = HealthSchema.safeParse(relayJson(body));
  if (!parsed.success) throw new UnreadableAnswer();
  return parsed.data;
};

/** The relay's code, or the admin sign-in's own failure (an Error named by the relay's code it ran into). */
const codeOrMessage = (caught: unknown) => codeOf(caught) ?? (caught as Error | null)?.message;

/** The connection's health: access checked, webhook and triggers present, last webhook received; Repair for admins. */
export function ConnectionHealth(props: { call: Call; t: ConnectStrings; locale: string | undefined; signInAsAdmin?: () => Promise<void>; words: ProblemWords & { unexpected: string } }) {
  const { t, call } = props;
  const [health, setHealth] = useState<Health | undefined>();
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setHealth(healthOf(await call<unknown>('/app/v1/connection', 'GET')));
      setProblem('');
    } catch (caught) {
      // The last good check would read as the current state beside the failure: what it said is no longer known.
      setHealth(undefined);
      // A 401 right after Connect Baton: the installation's new settings are not in effect in this page yet (Zendesk
      // reads them when it loads); the words for it say to reload.
      setProblem(caught instanceof UnreadableAnswer ? props.words.unexpected : connectionProblem(caught, props.words, t.failed));
    }
  }, [call, t, props.words]);
  // Checked again each time the admin comes back to the tab (something may have been repaired elsewhere).
  const shown = useTabShown();
  useEffect(() => void load(), [load, shown]);

  const repair = async () => {
    setBusy(true);
    const attempt = async () => healthOf(await call<unknown>('/app/v1/connection/repair', 'POST', {}));
    try {
      let result: Health;
      try {
        result = await attempt();
      } catch (caught) {
        if (codeOf(caught) !== 'admin_required' || !props.signInAsAdmin) throw caught;
        await props.signInAsAdmin();
        result = await attempt();
      }
      setHealth(result);
      setProblem(result.repairProblem ? `${t.repairFailed} ${result.repairProblem}` : '');
    } catch (caught) {
      setProblem(codeOrMessage(caught) === 'admin_required' ? t.adminRequired : caught instanceof UnreadableAnswer ? props.words.unexpected : connectionProblem(caught, props.words, t.repairFailed));
    } finally {
      setBusy(false);
    }
  };

  const p = health?.provisioning;
  const triggersOk = p ? p.triggers.filter((x) => x.present && x.active).length : 0;
  const row = (label: string, ok: boolean, text: string, testId: string) => (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd><span class={`badge ${ok ? 'returned' : 'failed'}`}>{ok ? t.ok : t.missing}</span> {text}</dd>
    </div>
  );
  return (
    <div class="page" data-testid="connection-health">
      <h1>{t.healthTitle}</h1>
      {problem && <p class="error" role="alert" data-testid="health-problem">{problem}</p>}
      {!health && !problem && <p class="muted" role="status">{t.checking}</p>}
      {health && (
        <>
          <p role="status" data-testid="health-summary">{health.healthy ? t.healthy : t.unhealthy} <span class="muted">{health.zendesk}</span></p>
          <dl class="facts card health">
            {row(t.access, health.access.ok, accessWords(t, { ...health.access, zendesk: health.zendesk }, health.access.message), 'health-access')}
            {row(t.webhook, Boolean(p?.webhook.present && p.webhook.active && p.webhook.endpointMatches), p?.webhook.present && p.webhook.active && p.webhook.endpointMatches ? t.webhookOk : '', 'health-webhook')}
            {row(t.triggers, Boolean(p && triggersOk === p.triggers.length), p ? `${triggersOk} ${t.of} ${p.triggers.length} ${t.present}` : '', 'health-triggers')}
            <div data-testid="health-last-webhook">
              <dt>{t.lastWebhook}</dt>
              <dd>{health.lastWebhookAt ? new Date(health.lastWebhookAt).toLocaleString(props.locale) : t.never}</dd>
            </div>
          </dl>
        </>
      )}
      <button class="primary" aria-disabled={busy} onClick={() => !busy && void repair()} data-testid="repair">{busy ? t.repairing : t.repair}</button>
    </div>
  );
}
