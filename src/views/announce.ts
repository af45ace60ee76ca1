import type { Strings } from '../i18n.js';
import type { SessionView } from '../schema.js';

/** What the polite live region says when the session changes: its new state, else the customer's newest message. */
export function announcement(before: SessionView, after: SessionView, t: Strings): string | undefined {
  if (after.state !== before.state) return t.stateNow.replace('{state}', t[after.state]);
  const known = new Set(before.messages.map((m) => m.id));
  const fresh = after.messages.filter((m) => m.role === 'user' && !known.has(m.id)).pop();
  return fresh && t.newMessage.replace('{text}', fresh.text.slice(0, 200));
}
