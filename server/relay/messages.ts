import { BatonError } from '../core/errors.js';
import { isOpen } from '../core/session-machine.js';
import type { Database } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import { appendMessages, findMessage } from '../store/messages.js';
import { findSession } from '../store/sessions.js';
import type { PostMessageRequest } from '../http/schemas.js';
import type { Caller } from './handoffs.js';
import { helpdeskTask } from './platform-events.js';
import { messageView, toMessageInput } from './views.js';
import { customerWrote } from './waiting.js';

export interface PostMessageResult {
  status: 200 | 202;
  body: { message: ReturnType<typeof messageView>; duplicate: boolean; session: { id: string; state: string; version: number } };
}

/**
 * POST /v1/sessions/{id}/messages. The message and the task that puts it on the ticket commit
 * together, so a 202 means it will reach Zendesk. The platform's message id makes retries safe.
 */
export async function postMessage(db: Database, caller: Caller, sessionId: string, msg: PostMessageRequest): Promise<PostMessageResult> {
  if (msg.role === 'agent') {
    throw new BatonError('validation_failed', 'Role "agent" is reserved for messages written in the helpdesk.', {
      issues: [{ path: 'role', message: 'use user, assistant or system' }],
    });
  }
  return db.transaction(async (tx) => {
    const session = await findSession(tx, sessionId, { agentId: caller.agentId, forUpdate: true });
    if (!session) throw new BatonError('session_not_found');
    const summary = { id: session.id, state: session.state, version: session.version };
    const existing = await findMessage(tx, session.id, msg.id);
    if (existing) {
      if (existing.text !== msg.text || existing.role !== msg.role) throw new BatonError('message_id_conflict');
      return { status: 200 as const, body: { message: messageView(existing), duplicate: true, session: summary } };
    }
    if (msg.role === 'assistant' && session.state === 'human') throw new BatonError('human_owns_session');
    if (!isOpen(session.state)) {
      throw new BatonError('session_closed', `The session is ${session.state}; start a new handoff instead.`, {
        state: session.state,
      });
    }
    const [row] = await appendMessages(tx, session.id, session.messageCount + 1, 'platform', [toMessageInput(msg)]);
    // End-user words become public comments; AI and system lines stay internal notes for the agent.
    const kind = msg.role === 'user' ? 'ticket.end_user_message' : 'ticket.note';
    await enqueue(tx, [helpdeskTask(session, kind, { messageId: msg.id })]);
    if (msg.role === 'user') await customerWrote(tx, [session], new Date());
    return { status: 202 as const, body: { message: messageView(row!), duplicate: false, session: summary } };
  });
}
