import type { Queryable } from '../db/database.js';
import type { SessionState } from '../core/session-machine.js';
import { newId } from '../core/ids.js';
import { prepared } from '../db/prepared.js';
import { MESSAGE_COLUMNS, toMessage, type MessageInput, type MessageRow, type MessageSource } from './messages.js';
import type { SessionHead } from './sessions.js';
import { lockWaitingRows, toWaitingRow, WAITING_COLUMNS, type WaitingRow } from './waiting.js';

export interface BatchMessage extends MessageInput {
  sessionId: string;
  tenantId: string;
  agentId: string;
  seq: number;
  source: MessageSource;
  /** The helpdesk task that carries the message to the ticket. */
  taskKind: string;
}

type MessageKey = { sessionId: string; messageId: string };

export interface LockedBatch {
  sessions: Map<string, SessionHead>;
  /** Messages already stored under the batch's ids. */
  existing: MessageRow[];
  /** The waiting rows of the batch's sessions a person owns, locked: a customer line may start the agent-silent clock. */
  waiting: WaitingRow[];
}

/**
 * The group-commit read, in one round trip: locks the batch's sessions (in id order, so concurrent batches cannot
 * deadlock), finds messages already stored under the batch's ids, and locks the waiting rows of the sessions a person
 * owns (after the sessions, in the same order, as every writer locks them).
 *
 * One statement reads one snapshot, taken before it waited for a lock. With other writers on the database
 * (PostgreSQL, maybe several relays) the transaction it waited for may have committed a copy of one of these
 * messages (a platform's retry that another relay received), which the snapshot misses: the insert would then hit
 * the unique key and roll the whole batch back. Every writer of a session's messages, and the ticket's creation
 * that inserts its waiting row, updates the session's row under its lock; so a session whose locked row is a newer
 * version than the one in the snapshot is one that moved while the statement waited. Only then are the messages
 * and the waiting rows read again, now that the locks are held and nothing new can appear.
 */
export async function lockSessionsAndFindMessages(
  q: Queryable,
  sessionIds: readonly string[],
  keys: readonly MessageKey[],
): Promise<LockedBatch> {
  const { movedWhileLocking, ...read } = await readLockedBatch(q, sessionIds, keys);
  if (!movedWhileLocking) return read;
  const { rows } = await q.query<Record<string, unknown>>(FIND_MESSAGES, [keysJson(keys)]);
  const owned = [...read.sessions.values()].filter((s) => s.state === 'human').map((s) => s.id);
  return { sessions: read.sessions, existing: rows.map(toMessage), waiting: await lockWaitingRows(q, owned) };
}

// The LATERAL probe with LIMIT (which keeps the planner from flattening it) reads the (session_id, message_id) index
// once per key; a plain join hash-joined a sequential scan of the whole table.
// The probe names its columns: a prepared statement whose result columns change (another relay's migration) fails.
const MESSAGES_BY_KEY = `jsonb_to_recordset($1::jsonb) AS k(session_id text, message_id text)
       CROSS JOIN LATERAL (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE session_id = k.session_id AND message_id = k.message_id LIMIT 1) m`;
const FIND_MESSAGES = prepared(`SELECT m.* FROM ${MESSAGES_BY_KEY}`);
const keysJson = (keys: readonly MessageKey[]) => JSON.stringify(keys.map((k) => ({ session_id: k.sessionId, message_id: k.messageId })));

// `moved`: the locked row (PostgreSQL reads the newest version once a lock it waited for is granted) is not the
// version the statement's snapshot holds (the join reads sessions without a lock). A waiting row comes as one jsonb.
const LOCK_SESSIONS_FIND_MESSAGES = prepared(
  `WITH s AS (
         SELECT id, tenant_id, agent_id, state, version, message_count, xmin::text AS row_version FROM sessions
          WHERE id = ANY($2::text[]) ORDER BY id FOR UPDATE),
       w AS (
         SELECT ${WAITING_COLUMNS} FROM session_waiting
          WHERE session_id IN (SELECT id FROM s WHERE state = 'human') ORDER BY session_id FOR UPDATE)
       SELECT 's' AS kind, s.id AS session_id, s.tenant_id, s.agent_id, s.state, s.version, s.message_count,
              seen.xmin::text IS DISTINCT FROM s.row_version AS moved,
              NULL::int AS seq, NULL::text AS message_id, NULL::text AS role, NULL::text AS text, NULL::jsonb AS attachments,
              NULL::text AS author_name, NULL::text AS source, NULL::timestamptz AS created_at, NULL::timestamptz AS received_at,
              NULL::jsonb AS waiting
         FROM s LEFT JOIN sessions seen ON seen.id = s.id
       UNION ALL
       SELECT 'm', m.session_id, NULL, NULL, NULL, NULL, NULL, NULL,
              m.seq, m.message_id, m.role, m.text, m.attachments, m.author_name, m.source, m.created_at, m.received_at, NULL
         FROM ${MESSAGES_BY_KEY}
       UNION ALL
       SELECT 'w', w.session_id, NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, to_jsonb(w)
         FROM w`,
);

async function readLockedBatch(
  q: Queryable,
  sessionIds: readonly string[],
  keys: readonly MessageKey[],
): Promise<LockedBatch & { movedWhileLocking: boolean }> {
  const { rows } = await q.query<Record<string, unknown>>(
    LOCK_SESSIONS_FIND_MESSAGES,
    [keysJson(keys), [...sessionIds].sort()],
  );
  const sessions = new Map<string, SessionHead>();
  const existing: MessageRow[] = [];
  const waiting: WaitingRow[] = [];
  let movedWhileLocking = false;
  for (const r of rows) {
    if (r.kind === 'm') {
      existing.push(toMessage(r));
      continue;
    }
    if (r.kind === 'w') {
      waiting.push(toWaitingRow(r.waiting as Record<string, unknown>));
      continue;
    }
    const id = r.session_id as string;
    if (r.moved) movedWhileLocking = true;
    sessions.set(id, {
      id,
      tenantId: r.tenant_id as string,
      agentId: r.agent_id as string,
      state: r.state as SessionState,
      version: Number(r.version),
      messageCount: Number(r.message_count),
    });
  }
  return { sessions, existing, waiting, movedWhileLocking };
}

const WRITE_MESSAGES = prepared(
  `WITH m AS (
         INSERT INTO messages (session_id, seq, message_id, role, text, attachments, author_name, source, created_at)
         SELECT m.session_id, m.seq, m.message_id, m.role, m.text, m.attachments, m.author_name, m.source, m.created_at
           FROM jsonb_to_recordset($1::jsonb)
             AS m(session_id text, seq int, message_id text, role text, text text, attachments jsonb, author_name text,
                  source text, created_at timestamptz)
         RETURNING session_id, message_id, received_at),
       c AS (
         UPDATE sessions s SET message_count = s.message_count + c.n, updated_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS c(id text, n int)
          -- The id list lets the planner read the primary key instead of scanning sessions to join the counts.
          WHERE s.id = c.id AND s.id = ANY($4::text[])
         RETURNING s.id),
       d AS (
         INSERT INTO deliveries (id, tenant_id, agent_id, session_id, channel, kind, payload)
         SELECT d.id, d.tenant_id, d.agent_id, d.session_id, 'helpdesk', d.kind, d.payload
           FROM jsonb_to_recordset($3::jsonb)
             AS d(ord int, id text, tenant_id text, agent_id text, session_id text, kind text, payload jsonb)
          ORDER BY d.ord
         RETURNING id)
       SELECT m.session_id, m.message_id, m.received_at FROM m
        WHERE (SELECT count(*) FROM c) >= 0 AND (SELECT count(*) FROM d) >= 0`,
);

/**
 * The group-commit write in one statement: the messages, each session's new count and the outbox
 * rows that deliver them. Fewer round trips is what makes batching pay (bench/ingest.ts).
 */
export async function writeMessageBatch(q: Queryable, rows: readonly BatchMessage[]): Promise<Map<string, Date>> {
  if (rows.length === 0) return new Map();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
  const { rows: inserted } = await q.query<{ session_id: string; message_id: string; received_at: Date }>(
    WRITE_MESSAGES,
    [
      JSON.stringify(
        rows.map((m) => ({
          session_id: m.sessionId,
          seq: m.seq,
          message_id: m.messageId,
          role: m.role,
          text: m.text,
          attachments: m.attachments,
          author_name: m.authorName ?? null,
          source: m.source,
          created_at: m.createdAt.toISOString(),
        })),
      ),
      JSON.stringify([...counts].map(([id, n]) => ({ id, n }))),
      JSON.stringify(
        rows.map((m, ord) => ({
          ord,
          id: newId('msg'),
          tenant_id: m.tenantId,
          agent_id: m.agentId,
          session_id: m.sessionId,
          kind: m.taskKind,
          payload: { messageId: m.messageId },
        })),
      ),
      [...counts.keys()],
    ],
  );
  return new Map(inserted.map((r) => [`${r.session_id}\u0000${r.message_id}`, r.received_at]));
}
