import type { Strings } from './locales/en.js';
import { fill } from './locale.js';
import { relayErrorBody } from './relay-error-body.js';
import { relayUnreachable } from './relay-unreachable.js';

/**
 * The words for a failed call to the relay, from the main strings (src/locales/): every tab of the admin page has
 * them already, so the Connection and Insights tabs say the same thing for the same failure without a chunk of their own.
 */
export type ProblemWords = Pick<Strings, 'unreachable' | 'relayProblems' | 'codeForSupport'>;

/** Zendesk's proxy rejects with the HTTP status (0 when the relay gave no answer) and the relay's body as text. */
export const statusOf = (caught: unknown) => relayErrorBody(caught)?.status ?? 0;
/** The code of Baton's error body (`{"error":{"code"}}`), when the answer has one. */
export const codeOf = (caught: unknown) => relayErrorBody(caught)?.code;

/** "(Code for support: …)" after a sentence, when the relay sent Baton's error body. */
export const withCode = (sentence: string, caught: unknown, w: Pick<ProblemWords, 'codeForSupport'>) => {
  const code = codeOf(caught);
  return code ? `${sentence} ${fill(w.codeForSupport, { code })}` : sentence;
};

/**
 * The failures an admin meets most, as a sentence in their language of what happened and what to do; the relay's
 * code stays after it, because it is what the relay's operator needs to find the failure (it names it in the relay's
 * logs and error catalogue). Undefined for anything rarer: each page words that itself.
 */
export function relayProblem(caught: unknown, w: ProblemWords): string | undefined {
  const status = statusOf(caught);
  // No answer, or a 5xx without Baton's body (a proxy in front of a relay that is down): the relay is out of reach.
  if (!codeOf(caught) && relayUnreachable(caught)) return w.unreachable;
  const sentence = status >= 500 ? w.relayProblems.relayError
    : status === 401 ? w.relayProblems.refused
    : status === 429 ? w.relayProblems.rateLimited
    : undefined;
  return sentence && withCode(sentence, caught, w);
}

/** A failed connection check or repair in words; anything rarer keeps `prefix code`: the code is all this page knows of it. */
export function connectionProblem(caught: unknown, w: ProblemWords, prefix: string): string {
  return relayProblem(caught, w) ?? `${prefix} ${codeOf(caught) ?? statusOf(caught)}`;
}
