import type { Queryable } from '../db/database.js';
import { listMessages } from '../store/messages.js';
import { listTransitions, type SessionRow } from '../store/sessions.js';

type DeliveryState = 'pending' | 'delivered' | 'failed';

/**
 * What the sidebar shows: the session, its timeline and the transcript, with the delivery state of
 * each agent reply to the AI platform (so an agent sees a reply that did not reach the customer).
 */
export async function appSessionView(q: Queryable, s: SessionRow) {
  // One after the other: `q` may be a transaction's single connection, which runs one query at a time anyway.
  const messages = await listMessages(q, s.id);
  const transitions = await listTransitions(q, s.id);
  const deliveries = await q.query<{ message_id: string; status: string; attempts: number }>(
    `SELECT payload->'data'->'message'->>'id' AS message_id, status, attempts FROM deliveries
      WHERE session_id = $1 AND kind = 'message.created'`,
    [s.id],
  );
  const byMessage = new Map(deliveries.rows.map((d) => [d.message_id, d]));
  const delivery = (id: string): { state: DeliveryState; attempts: number } | null => {
    const d = byMessage.get(id);
    if (!d) return null;
    const state: DeliveryState = d.status === 'delivered' ? 'delivered' : d.status === 'dead' ? 'failed' : 'pending';
    return { state, attempts: Number(d.attempts) };
  };
  return {
    id: s.id,
    state: s.state,
    version: s.version,
    stateChangedAt: s.stateChangedAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    conversationId: s.conversationId,
    ticketId: s.ticketId,
    reason: { code: s.reasonCode, text: s.reasonText },
    summary: s.summary,
    priority: s.priority,
    signals: s.signals,
    rule: s.rule,
    trigger: s.triggerName,
    endUser: { id: s.endUser.id, name: s.endUser.name ?? null, email: s.endUser.email ?? null, locale: s.endUser.locale ?? null },
    transitions: transitions.map((t) => ({ from: t.from, to: t.to, at: t.at.toISOString(), version: t.version, cause: t.cause })),
    messages: messages.map((m) => ({
      id: m.messageId,
      role: m.role,
      text: m.text,
      createdAt: m.createdAt.toISOString(),
      attachments: m.attachments.map((a) => ({ url: a.url, name: a.name ?? null })),
      authorName: m.authorName ?? null,
      delivery: m.source === 'helpdesk' ? delivery(m.messageId) : null,
    })),
  };
}

/** A cheap fingerprint of everything the view shows, for the live stream to notice changes. */
export async function sessionFingerprint(q: Queryable, sessionId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ f: string }>(
    `SELECT s.version || ':' || s.message_count || ':' ||
            (SELECT count(*) FILTER (WHERE status = 'delivered') || '/' || count(*) FILTER (WHERE status = 'dead')
               FROM deliveries WHERE session_id = s.id AND kind = 'message.created') AS f
       FROM sessions s WHERE s.id = $1`,
    [sessionId],
  );
  return rows[0]?.f;
}
