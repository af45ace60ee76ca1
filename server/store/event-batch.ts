import type { Queryable } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { SessionState } from '../core/session-machine.js';
import type { WaitingChange as PlannedWaitingChange } from '../core/waiting-plan.js';
import { toSession, S_COLUMNS, type SessionRow } from './sessions.js';
import { toWaitingRow, WAITING_COLUMNS, type WaitingRow } from './waiting.js';

/**
 * The set-based statements of a group commit of Zendesk comment events (zendesk/event-batch.ts): a fixed
 * handful of round trips however many events commit together. Each mirrors a one-event statement of
 * ticket-cursors.ts, sessions.ts, messages.ts and waiting.ts; rows are locked in key order so two
 * batches (or a batch and a one-event transaction) queue up instead of deadlocking.
 */

export interface InvocationKey {
  tenantId: string;
  invocationId: string;
  body: unknown;
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

const RECORD_INVOCATIONS = prepared(
  `INSERT INTO zendesk_inbox (tenant_id, invocation_id, body)
     SELECT k.tenant_id, k.invocation_id, k.body FROM jsonb_to_recordset($1::jsonb) AS k(tenant_id text, invocation_id text, body jsonb, ord int)
      ORDER BY k.ord
     ON CONFLICT DO NOTHING RETURNING tenant_id, invocation_id`,
);

/** Remembers invocations; returns the keys (tenant, invocation) this call inserted, i.e. the ones not seen before. */
export async function recordInvocations(q: Queryable, keys: readonly InvocationKey[]): Promise<Set<string>> {
  const sorted = [...keys].sort((a, b) => (pairKey(a.tenantId, a.invocationId) < pairKey(b.tenantId, b.invocationId) ? -1 : 1));
  const { rows } = await q.query<{ tenant_id: string; invocation_id: string }>(
    RECORD_INVOCATIONS,
    [JSON.stringify(sorted.map((k, ord) => ({ tenant_id: k.tenantId, invocation_id: k.invocationId, body: k.body, ord })))],
  );
  return new Set(rows.map((r) => pairKey(r.tenant_id, r.invocation_id)));
}

export interface LockedTicket {
  cursor: bigint;
  lastStatus: string | null;
  /** Comments relayed from their events and not yet passed by the cursor. */
  relayed: Set<string>;
  /** The latest session ever on the ticket (session_tickets), if any. */
  ownerId: string | null;
}

const LOCK_TICKETS = prepared(
  `WITH c AS (
       INSERT INTO ticket_cursors (tenant_id, ticket_id)
       SELECT k.tenant_id, k.ticket_id FROM jsonb_to_recordset($1::jsonb) AS k(tenant_id text, ticket_id text, ord int) ORDER BY k.ord
       ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET comment_cursor = ticket_cursors.comment_cursor
       RETURNING tenant_id, ticket_id, comment_cursor, last_status)
     SELECT c.tenant_id, c.ticket_id, c.comment_cursor::text AS c, c.last_status,
            ARRAY(SELECT e.comment_id::text FROM ticket_event_comments e WHERE e.tenant_id = c.tenant_id AND e.ticket_id = c.ticket_id) AS relayed,
            (SELECT st.session_id FROM session_tickets st JOIN sessions s ON s.id = st.session_id
              WHERE st.tenant_id = c.tenant_id AND st.ticket_id = c.ticket_id ORDER BY s.created_at DESC LIMIT 1) AS owner_id
       FROM c`,
);

/**
 * Locks the tickets' comment cursors (creating them), in key order, and reads what a comment event decides
 * with: the cursor, the event-relayed comments above it and the ticket's latest session. One statement.
 */
export async function lockTickets(q: Queryable, tickets: ReadonlyArray<{ tenantId: string; ticketId: string }>): Promise<Map<string, LockedTicket>> {
  const distinct = [...new Map(tickets.map((t) => [pairKey(t.tenantId, t.ticketId), t])).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const { rows } = await q.query<{ tenant_id: string; ticket_id: string; c: string; last_status: string | null; relayed: string[] | null; owner_id: string | null }>(
    LOCK_TICKETS,
    [JSON.stringify(distinct.map(([, t], ord) => ({ tenant_id: t.tenantId, ticket_id: t.ticketId, ord })))],
  );
  return new Map(
    rows.map((r) => [
      pairKey(r.tenant_id, r.ticket_id),
      { cursor: BigInt(r.c ?? '0'), lastStatus: r.last_status ?? null, relayed: new Set(r.relayed ?? []), ownerId: r.owner_id ?? null },
    ]),
  );
}

export { pairKey };

export interface LockedSession {
  session: SessionRow;
  /** A newer session of the same conversation exists (see hasNewerSession). */
  hasNewer: boolean;
  waiting: WaitingRow | undefined;
}

// The waiting rows come as one jsonb each (null without one), locked after every session (w reads all of s before its
// rows are locked).
const LOCK_SESSIONS = prepared(
  `WITH s AS (
       SELECT ${S_COLUMNS}, EXISTS (SELECT 1 FROM sessions n WHERE n.agent_id = s.agent_id AND n.conversation_id = s.conversation_id
                                       AND n.created_at >= s.created_at AND n.id <> s.id) AS has_newer
         FROM sessions s WHERE s.id = ANY($1::text[]) ORDER BY s.id FOR UPDATE OF s),
     w AS (
       SELECT ${WAITING_COLUMNS} FROM session_waiting WHERE session_id IN (SELECT id FROM s) ORDER BY session_id FOR UPDATE)
   SELECT s.*, to_jsonb(w) AS waiting FROM s LEFT JOIN w ON w.session_id = s.id ORDER BY s.id`,
);

/**
 * Locks the sessions (id order) and then their waiting rows (same order), as a one-event transaction would, in one
 * statement. Its snapshot may predate a lock it waited for; the locked rows are read in their newest versions, and
 * no waiting row can be missing from it: a waiting row is inserted by the transaction that records the ticket's
 * session (session_tickets), which committed before lockTickets, this batch's earlier statement, named the owner.
 */
export async function lockSessions(q: Queryable, ids: readonly string[]): Promise<Map<string, LockedSession>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, LockedSession>();
  if (sorted.length === 0) return out;
  const { rows } = await q.query<Record<string, unknown>>(LOCK_SESSIONS, [sorted]);
  for (const r of rows) {
    const waiting = r.waiting as Record<string, unknown> | null;
    out.set(r.id as string, { session: toSession(r), hasNewer: Boolean(r.has_newer), waiting: waiting ? toWaitingRow(waiting) : undefined });
  }
  return out;
}

export interface SessionChange {
  id: string;
  /** The transition to record, if the event applied one. */
  transition: { from: SessionState; to: SessionState; version: number; lastEventAt: number | null; cause: string } | null;
  /** Messages appended: message_count grows by this much. */
  added: number;
}

export interface NewReply {
  sessionId: string;
  seq: number;
  messageId: string;
  text: string;
  authorName: string | null;
  createdAt: Date;
}

/** A session's planned waiting change (core/waiting-plan.ts planWaitingChange), without re-arming: no reply re-arms. */
export interface WaitingChange extends Omit<PlannedWaitingChange, 'armNoAgentAt'> {
  sessionId: string;
}

export interface EventBatchWrites {
  changes: readonly SessionChange[];
  replies: readonly NewReply[];
  waiting: readonly WaitingChange[];
  /** The comments the events accounted for, above each ticket's cursor (recordEventRelayedComments, set-based). */
  eventComments: ReadonlyArray<{ tenantId: string; ticketId: string; commentId: string }>;
}

// Data-modifying CTEs on different tables, so none needs to see another's rows.
const WRITE_EVENT_BATCH = prepared(
  `WITH chg AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS c(id text, applied boolean, from_state text, to_state text, version int, last_event_at timestamptz, cause text, added int)),
     u AS (
       UPDATE sessions s SET
         state = CASE WHEN chg.applied THEN chg.to_state ELSE s.state END,
         version = CASE WHEN chg.applied THEN chg.version ELSE s.version END,
         last_event_at = CASE WHEN chg.applied THEN chg.last_event_at ELSE s.last_event_at END,
         state_changed_at = CASE WHEN chg.applied THEN now() ELSE s.state_changed_at END,
         first_reply_at = CASE WHEN chg.applied AND chg.from_state = 'waiting' AND chg.to_state = 'human' THEN COALESCE(s.first_reply_at, now()) ELSE s.first_reply_at END,
         returned_at = CASE WHEN chg.applied AND chg.to_state = 'returned' THEN COALESCE(s.returned_at, now()) ELSE s.returned_at END,
         message_count = s.message_count + chg.added,
         updated_at = now()
        FROM chg WHERE s.id = chg.id AND s.id = ANY($3::text[])
       RETURNING s.id),
     tr AS (
       INSERT INTO session_transitions (session_id, version, from_state, to_state, cause)
       SELECT id, version, from_state, to_state, cause FROM chg WHERE applied
       RETURNING session_id),
     m AS (
       INSERT INTO messages (session_id, seq, message_id, role, text, attachments, author_name, source, created_at)
       SELECT m.session_id, m.seq, m.message_id, 'agent', m.text, '[]'::jsonb, m.author_name, 'helpdesk', m.created_at
         FROM jsonb_to_recordset($2::jsonb) AS m(session_id text, seq int, message_id text, text text, author_name text, created_at timestamptz)
       RETURNING session_id),
     wchg AS (
       SELECT * FROM jsonb_to_recordset($4::jsonb) AS c(session_id text, no_agent boolean, agent_silent boolean, first_reply_at timestamptz, first_reply_business_seconds float8)),
     t AS (
       DELETE FROM deliveries d USING wchg
        WHERE d.session_id = wchg.session_id AND d.channel = 'timer' AND d.status = 'pending'
          AND ((wchg.no_agent AND d.kind = 'timer.no_agent') OR (wchg.agent_silent AND d.kind = 'timer.agent_silent'))
       RETURNING d.id),
     w AS (
       UPDATE session_waiting w SET
         no_agent_due_at = CASE WHEN wchg.no_agent THEN NULL ELSE w.no_agent_due_at END,
         agent_silent_due_at = CASE WHEN wchg.agent_silent THEN NULL ELSE w.agent_silent_due_at END,
         agent_silent_fired = CASE WHEN wchg.agent_silent THEN false ELSE w.agent_silent_fired END,
         first_reply_at = COALESCE(wchg.first_reply_at, w.first_reply_at),
         first_reply_business_seconds = CASE WHEN wchg.first_reply_at IS NOT NULL THEN wchg.first_reply_business_seconds ELSE w.first_reply_business_seconds END
        FROM wchg WHERE w.session_id = wchg.session_id
       RETURNING w.session_id),
     ec AS (
       INSERT INTO ticket_event_comments (tenant_id, ticket_id, comment_id)
       SELECT k.tenant_id, k.ticket_id, k.comment_id FROM jsonb_to_recordset($5::jsonb) AS k(tenant_id text, ticket_id text, comment_id bigint)
       ON CONFLICT DO NOTHING
       RETURNING comment_id)
     SELECT (SELECT count(*) FROM u) AS u, (SELECT count(*) FROM tr) AS tr, (SELECT count(*) FROM m) AS m,
            (SELECT count(*) FROM t) AS t, (SELECT count(*) FROM w) AS w, (SELECT count(*) FROM ec) AS ec`,
);

/**
 * Everything the set-based part of an event batch writes, in one statement: each session row updated once (state,
 * version and milestones as recordTransition writes them, and message_count as appendMessages does), the transition
 * history and the messages inserted; the waiting rows' changes and the timers they cancel (afterTransition +
 * agentAnswered, set-based; a first reply's business seconds with it, as the one-event path writes them); the comments
 * the events accounted for.
 */
export async function writeEventBatch(q: Queryable, writes: EventBatchWrites): Promise<void> {
  const { changes, replies, eventComments } = writes;
  const waiting = writes.waiting.filter((c) => c.clearNoAgent || c.clearAgentSilent || c.firstReplyAt);
  if (changes.length === 0 && waiting.length === 0 && eventComments.length === 0) return;
  const t = (c: SessionChange) => c.transition;
  await q.query(
    WRITE_EVENT_BATCH,
    [
      JSON.stringify(
        changes.map((c) => ({
          id: c.id,
          applied: t(c) !== null,
          from_state: t(c)?.from ?? null,
          to_state: t(c)?.to ?? null,
          version: t(c)?.version ?? null,
          last_event_at: t(c)?.lastEventAt == null ? null : new Date(t(c)!.lastEventAt!).toISOString(),
          cause: t(c)?.cause ?? null,
          added: c.added,
        })),
      ),
      JSON.stringify(
        replies.map((r) => ({ session_id: r.sessionId, seq: r.seq, message_id: r.messageId, text: r.text, author_name: r.authorName, created_at: r.createdAt.toISOString() })),
      ),
      changes.map((c) => c.id),
      JSON.stringify(
        waiting.map((c) => ({
          session_id: c.sessionId,
          no_agent: c.clearNoAgent,
          agent_silent: c.clearAgentSilent,
          first_reply_at: c.firstReplyAt?.toISOString() ?? null,
          first_reply_business_seconds: c.firstReplyBusinessSeconds,
        })),
      ),
      JSON.stringify(eventComments.map((r) => ({ tenant_id: r.tenantId, ticket_id: r.ticketId, comment_id: r.commentId }))),
    ],
  );
}
