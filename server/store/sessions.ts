import type { Queryable } from '../db/database.js';
import type { SessionState } from '../core/session-machine.js';
import { HANDOFF_LINKS } from './handoff-links.js';

export interface EndUser {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  locale?: string | undefined;
}

export interface SessionRow {
  id: string;
  tenantId: string;
  agentId: string;
  conversationId: string;
  state: SessionState;
  version: number;
  lastEventAt: Date | null;
  stateChangedAt: Date;
  endUser: EndUser;
  reasonCode: string;
  reasonText: string | null;
  summary: string | null;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  tags: string[];
  metadata: Record<string, unknown>;
  signals: Record<string, unknown>;
  routing: Record<string, unknown>;
  rule: { id: string; name: string } | null;
  triggerName: string | null;
  handoffMessage: string | null;
  /** The handoff message the customer was shown when the handoff was accepted (the platform's or the default). */
  acceptedMessage: string | null;
  ticketId: string | null;
  ticketRequesterId: string | null;
  messageCount: number;
  /** The conversation's session before this one (re-escalation), if any. */
  previousSessionId: string | null;
  /** When an agent first answered publicly (or took over): a reopened ticket then goes back to `human`. */
  firstReplyAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id, agent_id, conversation_id, state, version, last_event_at, state_changed_at, end_user,
  reason_code, reason_text, summary, priority, tags, metadata, signals, routing, rule, trigger_name, handoff_message,
  accepted_message, ticket_id, ticket_requester_id, message_count, previous_session_id, first_reply_at, created_at, updated_at`;

/** The same columns read through the alias `s` (joins). */
export const S_COLUMNS = COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1s.$2');

type Raw = Record<string, unknown>;

export function toSession(r: Raw): SessionRow {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    agentId: r.agent_id as string,
    conversationId: r.conversation_id as string,
    state: r.state as SessionState,
    version: Number(r.version),
    lastEventAt: (r.last_event_at as Date | null) ?? null,
    stateChangedAt: r.state_changed_at as Date,
    endUser: r.end_user as EndUser,
    reasonCode: r.reason_code as string,
    reasonText: (r.reason_text as string | null) ?? null,
    summary: (r.summary as string | null) ?? null,
    priority: r.priority as SessionRow['priority'],
    tags: r.tags as string[],
    metadata: r.metadata as Record<string, unknown>,
    signals: r.signals as Record<string, unknown>,
    routing: r.routing as Record<string, unknown>,
    rule: (r.rule as SessionRow['rule']) ?? null,
    triggerName: (r.trigger_name as string | null) ?? null,
    handoffMessage: (r.handoff_message as string | null) ?? null,
    acceptedMessage: (r.accepted_message as string | null) ?? null,
    ticketId: (r.ticket_id as string | null) ?? null,
    ticketRequesterId: (r.ticket_requester_id as string | null) ?? null,
    messageCount: Number(r.message_count),
    previousSessionId: (r.previous_session_id as string | null) ?? null,
    firstReplyAt: (r.first_reply_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export type NewSession = Omit<
  SessionRow,
  | 'version'
  | 'lastEventAt'
  | 'stateChangedAt'
  | 'ticketId'
  | 'ticketRequesterId'
  | 'messageCount'
  | 'createdAt'
  | 'updatedAt'
  | 'state'
  | 'firstReplyAt'
  | 'acceptedMessage'
>;

export async function insertSession(q: Queryable, s: NewSession): Promise<SessionRow> {
  const { rows } = await q.query<Raw>(
    `INSERT INTO sessions (id, tenant_id, agent_id, conversation_id, state, version, end_user, reason_code, reason_text,
       summary, priority, tags, metadata, signals, routing, rule, trigger_name, handoff_message, previous_session_id,
       previous_handoff_at, conversation_seen_at)
     VALUES ($1, $2, $3, $4, 'pending', 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
       ${HANDOFF_LINKS.previousHandoffAt('$3', '$4')}, ${HANDOFF_LINKS.conversationSeenAt('$3', '$4')})
     RETURNING ${COLUMNS}`,
    [
      s.id, s.tenantId, s.agentId, s.conversationId, JSON.stringify(s.endUser), s.reasonCode, s.reasonText, s.summary,
      s.priority, JSON.stringify(s.tags), JSON.stringify(s.metadata), JSON.stringify(s.signals),
      JSON.stringify(s.routing), s.rule ? JSON.stringify(s.rule) : null, s.triggerName, s.handoffMessage, s.previousSessionId,
    ],
  );
  await q.query(
    `INSERT INTO session_transitions (session_id, version, from_state, to_state, cause) VALUES ($1, 1, NULL, 'pending', 'handoff')`,
    [s.id],
  );
  return toSession(rows[0]!);
}

/** `forUpdate` locks the row so concurrent writers of one session queue up instead of racing. */
export async function findSession(
  q: Queryable,
  id: string,
  opts: { agentId?: string; tenantId?: string; forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM sessions WHERE id = $1 AND ($2::text IS NULL OR agent_id = $2)
       AND ($3::text IS NULL OR tenant_id = $3) ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    [id, opts.agentId ?? null, opts.tenantId ?? null],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

export async function findOpenSession(q: Queryable, agentId: string, conversationId: string): Promise<SessionRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM sessions WHERE agent_id = $1 AND conversation_id = $2 AND state IN ('pending', 'waiting', 'human')`,
    [agentId, conversationId],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

/**
 * The conversation's latest session and the latest ticket it had: a re-escalation links to the one and
 * reuses the other (one ticket per conversation while that ticket can take updates).
 */
export async function findPreviousSession(
  q: Queryable,
  agentId: string,
  conversationId: string,
): Promise<{ sessionId: string; ticketId: string | null } | undefined> {
  const { rows } = await q.query<{ id: string; ticket_id: string | null }>(
    `SELECT id, (SELECT ticket_id FROM sessions t WHERE t.agent_id = $1 AND t.conversation_id = $2 AND t.ticket_id IS NOT NULL
                  ORDER BY t.created_at DESC LIMIT 1) AS ticket_id
       FROM sessions WHERE agent_id = $1 AND conversation_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [agentId, conversationId],
  );
  return rows[0] ? { sessionId: rows[0].id, ticketId: rows[0].ticket_id } : undefined;
}

/** The latest session that was ever on the ticket (a session keeps its old tickets when it moves to a follow-up). */
export async function findSessionByTicket(q: Queryable, tenantId: string, ticketId: string): Promise<SessionRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT ${S_COLUMNS} FROM session_tickets st JOIN sessions s ON s.id = st.session_id
      WHERE st.tenant_id = $1 AND st.ticket_id = $2 ORDER BY s.created_at DESC LIMIT 1`,
    [tenantId, ticketId],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

/** Whether the session was ever recorded on the ticket. */
export async function sessionOnTicket(q: Queryable, tenantId: string, ticketId: string, sessionId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM session_tickets WHERE tenant_id = $1 AND ticket_id = $2 AND session_id = $3`, [tenantId, ticketId, sessionId]);
  return rows.length > 0;
}

/** The sessions of a conversation up to (and including) the given one, oldest first: one history. */
export async function listConversationSessions(q: Queryable, session: Pick<SessionRow, 'agentId' | 'conversationId' | 'createdAt'>): Promise<SessionRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM sessions WHERE agent_id = $1 AND conversation_id = $2 AND created_at <= $3
      ORDER BY created_at, id LIMIT 50`,
    [session.agentId, session.conversationId, session.createdAt],
  );
  return rows.map(toSession);
}

/** The conversation's latest session if it is newer than this one (a re-escalation came after it). */
export async function findNewestSuccessor(q: Queryable, session: Pick<SessionRow, 'agentId' | 'conversationId' | 'createdAt' | 'id'>): Promise<SessionRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM sessions WHERE agent_id = $1 AND conversation_id = $2 AND created_at >= $3 AND id <> $4
      ORDER BY created_at DESC LIMIT 1`,
    [session.agentId, session.conversationId, session.createdAt, session.id],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

/** A newer session of the same conversation exists: the ticket's later events belong to it, not to this one. */
export async function hasNewerSession(q: Queryable, session: Pick<SessionRow, 'agentId' | 'conversationId' | 'createdAt' | 'id'>): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM sessions WHERE agent_id = $1 AND conversation_id = $2 AND created_at >= $3 AND id <> $4 LIMIT 1`,
    [session.agentId, session.conversationId, session.createdAt, session.id],
  );
  return rows.length > 0;
}

export async function listSessions(
  q: Queryable,
  filter: { agentId?: string; tenantId?: string; conversationId?: string; state?: string; limit: number },
): Promise<SessionRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM sessions
      WHERE ($1::text IS NULL OR agent_id = $1) AND ($2::text IS NULL OR tenant_id = $2)
        AND ($3::text IS NULL OR conversation_id = $3) AND ($4::text IS NULL OR state = $4)
      ORDER BY created_at DESC LIMIT $5`,
    [filter.agentId ?? null, filter.tenantId ?? null, filter.conversationId ?? null, filter.state ?? null, filter.limit],
  );
  return rows.map(toSession);
}

export async function recordTransition(
  q: Queryable,
  s: { id: string; from: SessionState; to: SessionState; version: number; lastEventAt: number | null; cause: string; acceptedMessage?: string },
): Promise<void> {
  await q.query(
    // Insights milestones are stamped once: the first agent reply (waiting → human) and the first return to the AI.
    // The accepted handoff message rides on the transition that announces it (handoff.accepted): one UPDATE, not two.
    `UPDATE sessions SET state = $2, version = $3, last_event_at = $4, state_changed_at = now(), updated_at = now(),
       first_reply_at = CASE WHEN $5 = 'waiting' AND $2 = 'human' THEN COALESCE(first_reply_at, now()) ELSE first_reply_at END,
       returned_at = CASE WHEN $2 = 'returned' THEN COALESCE(returned_at, now()) ELSE returned_at END,
       accepted_message = COALESCE($6, accepted_message)
      WHERE id = $1`,
    [s.id, s.to, s.version, s.lastEventAt === null ? null : new Date(s.lastEventAt), s.from, s.acceptedMessage ?? null],
  );
  await q.query(
    `INSERT INTO session_transitions (session_id, version, from_state, to_state, cause) VALUES ($1, $2, $3, $4, $5)`,
    [s.id, s.version, s.from, s.to, s.cause],
  );
}

/** On a reused ticket: the comment the session's handoff began at (its transcript note), kept in `routing`. */
export async function setStartComment(q: Queryable, sessionId: string, commentId: string): Promise<void> {
  await q.query(`UPDATE sessions SET routing = routing || jsonb_build_object('startCommentId', $2::text) WHERE id = $1`, [sessionId, commentId]);
}

/** Records the session's (new) ticket; the tickets it was on before stay linked to it. */
export async function setTicket(
  q: Queryable,
  session: { id: string; tenantId: string },
  ticketId: string,
  requesterId: string | null,
): Promise<void> {
  await q.query(`UPDATE sessions SET ticket_id = $2, ticket_requester_id = $3, updated_at = now() WHERE id = $1`, [
    session.id,
    ticketId,
    requesterId,
  ]);
  await q.query(`INSERT INTO session_tickets (tenant_id, ticket_id, session_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    session.tenantId,
    ticketId,
    session.id,
  ]);
}

export interface TransitionRow {
  version: number;
  from: SessionState | null;
  to: SessionState;
  cause: string;
  at: Date;
}

export async function listTransitions(q: Queryable, sessionId: string): Promise<TransitionRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT version, from_state, to_state, cause, at FROM session_transitions WHERE session_id = $1 ORDER BY version`,
    [sessionId],
  );
  return rows.map((r) => ({
    version: Number(r.version),
    from: (r.from_state as SessionState | null) ?? null,
    to: r.to_state as SessionState,
    cause: r.cause as string,
    at: r.at as Date,
  }));
}

export type SessionHead = Pick<SessionRow, 'id' | 'tenantId' | 'agentId' | 'state' | 'version' | 'messageCount'>;

/** The handoff message `handoff.accepted` carried, kept for readers without webhooks. */
