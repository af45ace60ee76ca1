import type { SessionState } from './session-machine.js';

/**
 * Decides what a look at the ticket means for the session. Webhooks from Zendesk only say "look
 * now"; the ticket itself is the truth, so a lost, repeated or late webhook (or the reconciliation
 * poll) always converges on the same result, and nothing is relayed twice (the cursor).
 */
export interface SyncComment {
  id: string;
  public: boolean;
  authorId: string | null;
  authorIsStaff: boolean;
}

export interface SyncPlan<C extends SyncComment> {
  /** Public agent replies not relayed yet, oldest first. */
  agentReplies: C[];
  /** Highest comment id seen; the next sync starts after it. */
  cursor: bigint;
  statusEvent: 'returned' | 'reopened' | null;
}

const SOLVED = new Set(['solved', 'closed']);
const RELAYING = new Set<SessionState>(['waiting', 'human', 'returned']);

export function planTicketSync<C extends SyncComment>(
  session: { state: SessionState; cursor: bigint; requesterId: string | null },
  ticket: { status: string; comments: readonly C[] },
): SyncPlan<C> {
  let cursor = session.cursor;
  const agentReplies: C[] = [];
  for (const comment of ticket.comments) {
    const id = BigInt(comment.id);
    if (id <= session.cursor) continue;
    if (id > cursor) cursor = id;
    // Internal notes stay in Zendesk; the requester's own comments are the ones the relay wrote.
    if (!comment.public || !comment.authorIsStaff || comment.authorId === session.requesterId) continue;
    agentReplies.push(comment);
  }
  // The customer left or the handoff failed: what happens on the ticket stays there.
  if (!RELAYING.has(session.state)) return { agentReplies: [], cursor, statusEvent: null };
  const state: SessionState = agentReplies.length > 0 && session.state === 'waiting' ? 'human' : session.state;
  const solved = SOLVED.has(ticket.status.toLowerCase());
  let statusEvent: SyncPlan<C>['statusEvent'] = null;
  if (solved && (state === 'waiting' || state === 'human')) statusEvent = 'returned';
  else if (!solved && state === 'returned') statusEvent = 'reopened';
  return { agentReplies, cursor, statusEvent };
}
