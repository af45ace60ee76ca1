import type { Queryable } from '../db/database.js';

export type MessageRole = 'user' | 'assistant' | 'agent' | 'system';
/** Where a message came from: the handoff transcript, the platform later, or the helpdesk agent. */
export type MessageSource = 'transcript' | 'platform' | 'helpdesk';

export interface Attachment {
  url: string;
  name?: string | undefined;
  contentType?: string | undefined;
  /** Bytes, when the platform said. */
  size?: number | undefined;
}

export interface MessageInput {
  messageId: string;
  role: MessageRole;
  text: string;
  attachments: Attachment[];
  authorName?: string | null | undefined;
  createdAt: Date;
}

export interface MessageRow extends MessageInput {
  sessionId: string;
  seq: number;
  source: MessageSource;
  receivedAt: Date;
}

type Raw = Record<string, unknown>;

/** Every column toMessage reads, for statements that name their columns (prepared ones must). */
export const MESSAGE_COLUMNS = 'session_id, seq, message_id, role, text, attachments, author_name, source, created_at, received_at';

export const toMessage = (r: Raw): MessageRow => ({
  sessionId: r.session_id as string,
  seq: Number(r.seq),
  messageId: r.message_id as string,
  role: r.role as MessageRole,
  text: r.text as string,
  attachments: r.attachments as Attachment[],
  authorName: (r.author_name as string | null) ?? null,
  source: r.source as MessageSource,
  createdAt: r.created_at as Date,
  receivedAt: r.received_at as Date,
});

/**
 * Appends messages after the session's last one. Callers hold the session row lock (FOR UPDATE), so
 * `message_count` is a safe sequence source.
 */
export async function appendMessages(
  q: Queryable,
  sessionId: string,
  startSeq: number,
  source: MessageSource,
  messages: readonly MessageInput[],
): Promise<MessageRow[]> {
  if (messages.length === 0) return [];
  const { rows } = await q.query<Raw>(
    `INSERT INTO messages (session_id, seq, message_id, role, text, attachments, author_name, source, created_at)
     SELECT $1, $2 + ord - 1, m.message_id, m.role, m.text, m.attachments, m.author_name, $3, m.created_at
       FROM jsonb_to_recordset($4::jsonb)
         AS m(message_id text, role text, text text, attachments jsonb, author_name text, created_at timestamptz, ord int)
     RETURNING session_id, seq, message_id, role, text, attachments, author_name, source, created_at, received_at`,
    [
      sessionId,
      startSeq,
      source,
      JSON.stringify(
        messages.map((m, i) => ({
          ord: i + 1,
          message_id: m.messageId,
          role: m.role,
          text: m.text,
          attachments: m.attachments,
          author_name: m.authorName ?? null,
          created_at: m.createdAt.toISOString(),
        })),
      ),
    ],
  );
  await q.query(`UPDATE sessions SET message_count = message_count + $2, updated_at = now() WHERE id = $1`, [
    sessionId,
    messages.length,
  ]);
  return rows.map(toMessage).sort((a, b) => a.seq - b.seq);
}

export async function findMessage(q: Queryable, sessionId: string, messageId: string): Promise<MessageRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT session_id, seq, message_id, role, text, attachments, author_name, source, created_at, received_at
       FROM messages WHERE session_id = $1 AND message_id = $2`,
    [sessionId, messageId],
  );
  return rows[0] ? toMessage(rows[0]) : undefined;
}

export async function listMessages(q: Queryable, sessionId: string, opts: { sinceSeq?: number } = {}): Promise<MessageRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT session_id, seq, message_id, role, text, attachments, author_name, source, created_at, received_at
       FROM messages WHERE session_id = $1 AND seq > $2 ORDER BY seq`,
    [sessionId, opts.sinceSeq ?? 0],
  );
  return rows.map(toMessage);
}

/**
 * A session's newest `limit` messages in the timeline's order (written time, then arrival), oldest first, and how many
 * it has: the sidebar's first screen of a long conversation without reading all of it.
 */
export async function listNewestMessages(q: Queryable, sessionId: string, limit: number): Promise<{ messages: MessageRow[]; total: number }> {
  const { rows } = await q.query<Raw & { total: string }>(
    `SELECT session_id, seq, message_id, role, text, attachments, author_name, source, created_at, received_at, count(*) OVER () AS total
       FROM messages WHERE session_id = $1 ORDER BY created_at DESC, received_at DESC, seq DESC LIMIT $2`,
    [sessionId, limit],
  );
  return { messages: rows.map(toMessage).reverse(), total: Number(rows[0]?.total ?? 0) };
}
