import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

/** Why the AI handed off: reason, the rule or trigger that fired, the AI's signals and summary. */
export function WhyCard({ session, t }: { session: SessionView; t: Strings }) {
  const { confidence, sentiment } = session.signals;
  return (
    <section class="card" data-testid="why">
      <h2>{t.why}</h2>
      <p><code>{session.reason.code}</code>{session.reason.text ? ` — ${session.reason.text}` : ''}</p>
      {session.rule && <p class="muted">{t.rule}: {session.rule.name}</p>}
      {session.trigger && <p class="muted">{t.trigger}: {session.trigger}</p>}
      {confidence !== undefined && <p class="muted">{t.confidence}: {Math.round(confidence * 100)}%</p>}
      {sentiment !== undefined && <p class="muted">{t.sentiment}: {sentiment.toFixed(2)}</p>}
      {session.summary && <p><strong>{t.summary}:</strong> {session.summary}</p>}
    </section>
  );
}
