import type { Queryable } from '../db/database.js';
import { listMessages, type MessageRow } from '../store/messages.js';
import { listConversationSessions, listTransitions, type SessionRow } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';

type DeliveryState = 'pending' | 'delivered' | 'failed';

/**
 * What the sidebar shows: the session, its timeline and the transcript, with the delivery state of
 * each agent reply to the AI platform (so an agent sees a reply that did not reach the customer).
 */
export async function appSessionView(q: Queryable, s: SessionRow) {
  // One after the other: `q` may be a transaction's single connection, which runs one query at a time anyway.
  const sessions = s.previousSessionId ? await listConversationSessions(q, s) : [s];
  const history: Array<{ session: SessionRow; messages: MessageRow[] }> = [];
  for (const session of sessions) history.push({ session, messages: await listMessages(q, session.id) });
  const messages = mergeHistory(history);
  const transitions = await listTransitions(q, s.id);
  const tenant = await findTenant(q, s.tenantId);
  const deliveries = await q.query<{ message_id: string; status: string; attempts: number }>(
    `SELECT payload->'data'->'message'->>'id' AS message_id, status, attempts FROM deliveries
      WHERE session_id = ANY($1::text[]) AND kind = 'message.created'`,
    [sessions.map((x) => x.id)],
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
    tags: s.tags,
    /** The AI platform's context for the agent (page, plan, order ids): shown as a key/value list. */
    metadata: s.metadata,
    signals: s.signals,
    rule: s.rule,
    trigger: s.triggerName,
    endUser: { id: s.endUser.id, name: s.endUser.name ?? null, email: s.endUser.email ?? null, locale: s.endUser.locale ?? null },
    transitions: transitions.map((t) => ({ from: t.from, to: t.to, at: t.at.toISOString(), version: t.version, cause: t.cause })),
    /** What Return to AI will do to the ticket (the tenant's setting), so the sidebar can say so before the agent confirms. */
    returnToAiTicketStatus: tenant?.returnToAiTicketStatus ?? 'solved',
    /** Every handoff of the conversation up to this one, oldest first: the sidebar separates the timeline by them. */
    handoffs: sessions.map((x) => ({
      sessionId: x.id,
      createdAt: x.createdAt.toISOString(),
      reason: { code: x.reasonCode, text: x.reasonText },
      state: x.state,
      ticketId: x.ticketId,
    })),
    messages: messages.map((m) => ({
      sessionId: m.sessionId,
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

/**
 * One timeline for the conversation: every handoff's messages ordered by the time they were written,
 * ties by arrival. A re-escalation resends the conversation so far, so a message id seen in an
 * earlier handoff is shown once, where it first appeared.
 */
export function mergeHistory(history: ReadonlyArray<{ session: { id: string }; messages: readonly MessageRow[] }>): MessageRow[] {
  const seen = new Set<string>();
  const all: MessageRow[] = [];
  for (const { messages } of history) {
    for (const m of messages) {
      if (seen.has(m.messageId)) continue;
      seen.add(m.messageId);
      all.push(m);
    }
  }
  return all.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime() || a.seq - b.seq,
  );
}
