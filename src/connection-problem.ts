import type { ConnectStrings } from './connect-i18n.js';
import { fill } from './locale.js';
import { relayUnreachable } from './relay-unreachable.js';

/** Zendesk's proxy rejects with the HTTP status (0 when the relay gave no answer) and the relay's body as text. */
export const statusOf = (caught: unknown) => (caught as { status?: number } | null)?.status ?? 0;
/** The code of Baton's error body (`{"error":{"code"}}`), when the answer has one. */
export const codeOf = (caught: unknown) => {
  try {
    return (JSON.parse((caught as { responseText?: string } | null)?.responseText ?? '') as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/**
 * A failed connection check or repair in words. The failures an admin meets most lead with a sentence in their
 * language of what happened and what to do; the relay's code stays after it, because it is what the relay's
 * operator needs to find the failure (it names it in the relay's logs and error catalogue). Anything rarer keeps
 * `prefix code`: the code is all this page knows of it.
 */
export function connectionProblem(caught: unknown, t: ConnectStrings, prefix: string, unreachable?: string): string {
  const status = statusOf(caught);
  const code = codeOf(caught);
  // No answer, or a 5xx without Baton's body (a proxy in front of a relay that is down): the relay is out of reach.
  const sentence = !code && relayUnreachable(caught) ? unreachable
    : status >= 500 ? t.problems.relayError
    : status === 401 ? t.problems.refused
    : status === 429 ? t.problems.rateLimited
    : undefined;
  if (!sentence) return `${prefix} ${code ?? status}`;
  return code ? `${sentence} ${fill(t.codeForSupport, { code })}` : sentence;
}
