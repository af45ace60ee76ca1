import type { SessionState } from './session-machine.js';

/**
 * Decides what a look at the ticket means for the session. Webhooks from Zendesk only say "look
 * now"; the ticket itself is the truth, so a lost, repeated or late webhook (or the reconciliation
 * poll) always converges on the same result, and nothing is relayed twice (the ticket's cursor).
 */
export interface SyncComment {
  id: string;
  public: boolean;
  authorId: string | null;
  authorIsStaff: boolean;
}

export interface SyncSession {
  state: SessionState;
  requesterId: string | null;
  /** An agent answered (or took over) this session before: a reopened ticket gives it back to the human. */
  hadAgentReply: boolean;
  /** No newer session of the conversation exists; else the ticket's later events belong to that one. */
  isLatest: boolean;
  /**
   * On a reused ticket, the id of the comment this session's handoff began at (its transcript note):
   * replies up to it answered the conversation's earlier handoff. Null on a ticket of its own.
   */
  startCommentId: bigint | null;
}

export interface SyncTicketState {
  /** Highest comment id already looked at, for the ticket (not the session). */
  cursor: bigint;
  /** The status the previous catch-up saw (null: never looked). */
  lastStatus: string | null;
  /**
   * Comments above the cursor already relayed from their own comment_added event: skipped, never relayed
   * twice. The cursor itself only moves past a comment when the whole ticket was read (see ticket-events).
   */
  relayed?: ReadonlySet<string>;
}

export type StatusEvent =
  | { type: 'returned'; cause: 'ticket_solved' | 'ticket_closed' | 'ticket_deleted' }
  | { type: 'reopened' | 'requeued'; cause: 'ticket_reopened' };

export interface SyncPlan<C extends SyncComment> {
  /** Public agent replies not relayed yet, oldest first. */
  agentReplies: C[];
  /**
   * Replies written before this session began (their webhook was lost or late): they answered the
   * conversation's earlier handoff, so they are relayed under it and move nothing in this session.
   */
  earlierReplies: C[];
  /** Highest comment id seen; the next sync starts after it. */
  cursor: bigint;
  statusEvent: StatusEvent | null;
}

/** What a read of a deleted ticket reports (404; the incremental export lists it with this status). */
export const DELETED_STATUS = 'deleted';

const SOLVED = new Set(['solved', 'closed', DELETED_STATUS]);
const RETURN_CAUSES = { solved: 'ticket_solved', closed: 'ticket_closed', [DELETED_STATUS]: 'ticket_deleted' } as const;
const RELAYING = new Set<SessionState>(['waiting', 'human', 'returned']);

export function planTicketSync<C extends SyncComment>(
  session: SyncSession,
  seen: SyncTicketState,
  ticket: { status: string; comments: readonly C[] },
): SyncPlan<C> {
  let cursor = seen.cursor;
  const agentReplies: C[] = [];
  const earlierReplies: C[] = [];
  for (const comment of ticket.comments) {
    const id = BigInt(comment.id);
    if (id <= seen.cursor) continue;
    if (id > cursor) cursor = id;
    if (seen.relayed?.has(comment.id)) continue;
    // Internal notes stay in Zendesk; the requester's own comments are the ones the relay wrote.
    if (!comment.public || !comment.authorIsStaff || comment.authorId === session.requesterId) continue;
    if (session.startCommentId !== null && id < session.startCommentId) earlierReplies.push(comment);
    else agentReplies.push(comment);
  }
  // The customer left or the handoff failed: what happens on the ticket stays there.
  if (!RELAYING.has(session.state)) return { agentReplies: [], earlierReplies, cursor, statusEvent: null };
  const status = ticket.status.toLowerCase();
  const solved = SOLVED.has(status);
  const state: SessionState = agentReplies.length > 0 && session.state === 'waiting' ? 'human' : session.state;
  let statusEvent: StatusEvent | null = null;
  if (!session.isLatest) statusEvent = null;
  else if (solved && (state === 'waiting' || state === 'human')) {
    statusEvent = { type: 'returned', cause: RETURN_CAUSES[status as keyof typeof RETURN_CAUSES] };
  } else if (!solved && state === 'returned' && seen.lastStatus !== null && SOLVED.has(seen.lastStatus)) {
    // Only a change from solved is a reopen: a ticket left open by Return to AI is not one.
    const answered = session.hadAgentReply || agentReplies.length > 0;
    statusEvent = { type: answered ? 'reopened' : 'requeued', cause: 'ticket_reopened' };
  }
  return { agentReplies, earlierReplies, cursor, statusEvent };
}
