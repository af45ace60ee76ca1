import type { Strings } from './i18n.js';

/**
 * Why a session changed state, in the agent's words. The relay may start writing a cause before the app that reads
 * it is updated: such a code reads as itself in plain words ("some_new_cause" → "Some new cause"), never as an
 * identifier and never as an error. Only the table's own keys count (a code named "constructor" is not one).
 */
export function causeWords(t: Pick<Strings, 'causes'>, code: string): string {
  if (Object.prototype.hasOwnProperty.call(t.causes, code)) return t.causes[code as keyof Strings['causes']];
  const words = code.replace(/[_\s-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}
