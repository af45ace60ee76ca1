import type { Handoff, SessionView } from './schema.js';

/**
 * Where each later handoff of the conversation starts in the merged timeline: message index → the handoff whose
 * separator goes before that message. A handoff starts at its first message; one that brought no new message (its
 * transcript repeated earlier ones, which the relay shows once) starts at the first message written after it was
 * created, else after the last message. The first handoff needs no separator: the timeline starts with it.
 */
export function handoffSeparators(session: Pick<SessionView, 'handoffs' | 'messages'>): Map<number, Handoff[]> {
  const at = new Map<number, Handoff[]>();
  for (const handoff of session.handoffs.slice(1)) {
    let index = session.messages.findIndex((m) => m.sessionId === handoff.sessionId);
    if (index < 0) index = session.messages.findIndex((m) => Date.parse(m.createdAt) >= Date.parse(handoff.createdAt));
    if (index < 0) index = session.messages.length;
    at.set(index, [...(at.get(index) ?? []), handoff]);
  }
  return at;
}
