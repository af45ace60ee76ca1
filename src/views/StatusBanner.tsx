import type { LoadProblem } from '../api.js';
import type { Strings } from '../i18n.js';

/**
 * Shown above the last data while the relay cannot be read; the sidebar keeps retrying. Unreachable says since when
 * (a blip is not a misconfiguration); a wrong secret, an account not connected or a wrong relay URL say what to fix.
 */
export function StatusBanner({ problem, since, t }: { problem: LoadProblem; since: number; t: Strings }) {
  const time = new Date(since).toLocaleTimeString(t.locale, { hour: '2-digit', minute: '2-digit' });
  return (
    <p class={`banner ${problem}`} role="status" data-testid="banner" data-problem={problem}>
      {problem === 'unreachable' ? t.offline.replace('{time}', time) : `${t[problem]} ${t.retrying}`}
    </p>
  );
}
