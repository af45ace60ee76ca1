import { BatonError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import { readSnapshot } from '../db/read-snapshot.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages, listMessages } from '../store/messages.js';
import { findSession, hasNewerSession, listSessions, listTransitions } from '../store/sessions.js';
import type { Caller } from './handoffs.js';
import { helpdeskTask } from './platform-events.js';
import { applySessionEvent } from './session-events.js';
import { sessionView, type SessionView } from './views.js';
import { findWaiting } from '../store/waiting.js';

export async function getSessionDetail(db: Database, caller: Caller, id: string): Promise<SessionView | undefined> {
  return readSnapshot(db, async (tx) => {
    const session = await findSession(tx, id, { agentId: caller.agentId });
    if (!session) return undefined;
    const messages = await listMessages(tx, id);
    const transitions = await listTransitions(tx, id);
    const waiting = await findWaiting(tx, id);
    return sessionView(session, { messages, transitions, waiting });
  });
}

export async function listAgentSessions(
  db: Database,
  caller: Caller,
  filter: { conversationId?: string | undefined; state?: string | undefined; limit: number },
): Promise<SessionView[]> {
  const rows = await listSessions(db, {
    agentId: caller.agentId,
    limit: filter.limit,
    ...(filter.conversationId ? { conversationId: filter.conversationId } : {}),
    ...(filter.state ? { state: filter.state } : {}),
  });
  return rows.map((s) => sessionView(s));
}

/** Ends a session; the ticket gets a system note saying so, in order after everything before it. */
export async function endSession(db: Database, caller: Caller, id: string, reason: string | undefined): Promise<SessionView> {
  return db.transaction(async (tx) => {
    const session = await findSession(tx, id, { agentId: caller.agentId, forUpdate: true });
    if (!session) throw new BatonError('session_not_found');
    const outcome = await applySessionEvent(tx, id, { type: 'ended' }, { cause: 'ended_by_platform', strict: true, extraData: { reason: reason ?? null } });
    if (outcome.applied && session.ticketId !== null || (outcome.applied && session.state === 'pending')) {
      const text = `The AI platform ended this conversation${reason ? `: ${reason}` : '.'}`;
      const messageId = newId('sys');
      await appendMessages(tx, id, session.messageCount + 1, 'platform', [
        { messageId, role: 'system', text, attachments: [], createdAt: new Date() },
      ]);
      // A newer handoff of the conversation owns the ticket now (reused, or its follow-up): its agents must not
      // read that the conversation ended. The line stays in this session's own history.
      if (!(await hasNewerSession(tx, session))) await enqueue(tx, [helpdeskTask(session, 'ticket.note', { messageId })]);
    }
    const messages = await listMessages(tx, id); // sequential: one transaction, one connection
    const transitions = await listTransitions(tx, id);
    const fresh = await findSession(tx, id);
    return sessionView(fresh!, { messages, transitions });
  });
}
