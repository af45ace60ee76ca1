import type { Queryable } from '../db/database.js';
import { newId } from '../core/ids.js';
import type { MessageInput, MessageSource } from './messages.js';

export interface BatchMessage extends MessageInput {
  sessionId: string;
  tenantId: string;
  agentId: string;
  seq: number;
  source: MessageSource;
  /** The helpdesk task that carries the message to the ticket. */
  taskKind: string;
}

/**
 * The group-commit write in one statement: the messages, each session's new count and the outbox
 * rows that deliver them. Fewer round trips is what makes batching pay (bench/ingest.ts).
 */
export async function writeMessageBatch(q: Queryable, rows: readonly BatchMessage[]): Promise<Map<string, Date>> {
  if (rows.length === 0) return new Map();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
  const { rows: inserted } = await q.query<{ session_id: string; message_id: string; received_at: Date }>(
    `WITH m AS (
       INSERT INTO messages (session_id, seq, message_id, role, text, attachments, author_name, source, created_at)
       SELECT m.session_id, m.seq, m.message_id, m.role, m.text, m.attachments, m.author_name, m.source, m.created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS m(session_id text, seq int, message_id text, role text, text text, attachments jsonb, author_name text,
                source text, created_at timestamptz)
       RETURNING session_id, message_id, received_at),
     c AS (
       UPDATE sessions s SET message_count = s.message_count + c.n, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS c(id text, n int) WHERE s.id = c.id
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
    ],
  );
  return new Map(inserted.map((r) => [`${r.session_id}\u0000${r.message_id}`, r.received_at]));
}
