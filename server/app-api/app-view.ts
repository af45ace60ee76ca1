import type { Database, Queryable } from '../db/database.js';
import { readSnapshot } from '../db/read-snapshot.js';
import { listMessages, listNewestMessages, type MessageRow } from '../store/messages.js';
import { listConversationSessions, listTransitions, type SessionRow } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';

type DeliveryState = 'pending' | 'delivered' | 'failed';

/** The most messages one answer carries: a window or a page of earlier ones. */
export const MAX_PAGE_MESSAGES = 500;
/** How many of the customer's earlier handoffs the why card links to (the count covers them all). */
const CUSTOMER_HANDOFF_LINKS = 5;

/**
 * The conversation's timeline (every handoff's messages, merged), or its newest `window` messages, with each agent
 * reply's delivery state to the AI platform (so an agent sees a reply that did not reach the customer), and `total`,
 * the whole timeline's length.
 */
async function conversationTimeline(q: Queryable, s: SessionRow, window?: number) {
  // One after the other: `q` may be a transaction's single connection, which runs one query at a time anyway.
  const sessions = s.previousSessionId ? await listConversationSessions(q, s) : [s];
  let merged: MessageRow[];
  let total: number;
  if (sessions.length === 1 && window !== undefined) {
    // One handoff: its newest messages straight from the database (a long transcript is not read to show its end).
    ({ messages: merged, total } = await listNewestMessages(q, s.id, window));
  } else {
    // Several handoffs repeat each other's messages: the merge needs them all.
    const history: Array<{ session: SessionRow; messages: MessageRow[] }> = [];
    for (const session of sessions) history.push({ session, messages: await listMessages(q, session.id) });
    const all = mergeHistory(history);
    total = all.length;
    merged = window === undefined ? all : all.slice(Math.max(0, all.length - window));
  }
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
  const messages = merged.map((m) => ({
    sessionId: m.sessionId,
    id: m.messageId,
    role: m.role,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    attachments: m.attachments.map((a) => ({ url: a.url, name: a.name ?? null, ...(a.size === undefined ? {} : { size: a.size }) })),
    authorName: m.authorName ?? null,
    delivery: m.source === 'helpdesk' ? delivery(m.messageId) : null,
  }));
  return { sessions, messages, total };
}

/**
 * The customer's handoffs before this conversation's (any conversation of the same end customer with the same AI
 * agent): how many, and the newest few with their tickets, so the agent sees a customer who keeps coming back.
 */
async function customerHandoffs(q: Queryable, s: SessionRow) {
  const { rows } = await q.query<{ id: string; created_at: Date; ticket_id: string | null; reason_code: string; total: string }>(
    `SELECT id, created_at, ticket_id, reason_code, count(*) OVER () AS total FROM sessions
      WHERE tenant_id = $1 AND agent_id = $2 AND customer_id = $3 AND conversation_id <> $4 AND created_at < $5
      ORDER BY created_at DESC LIMIT ${CUSTOMER_HANDOFF_LINKS}`,
    [s.tenantId, s.agentId, s.endUser.id, s.conversationId, s.createdAt],
  );
  return {
    count: Number(rows[0]?.total ?? 0),
    recent: rows.map((r) => ({ sessionId: r.id, createdAt: r.created_at.toISOString(), ticketId: r.ticket_id, reasonCode: r.reason_code })),
  };
}

/**
 * What the sidebar shows: the session, its timeline and the transcript. With `window`, only the newest `window`
 * messages come along (the first screen needs a dozen, not five thousand; the JSON, the proxy and the parsing all
 * scale with it), with `messageCount` and the cursor for the page before them (`earlierMessages`).
 */
export async function appSessionView(q: Queryable, s: SessionRow, opts: { window?: number } = {}) {
  const { sessions, messages: shown, total } = await conversationTimeline(q, s, opts.window);
  const transitions = await listTransitions(q, s.id);
  const tenant = await findTenant(q, s.tenantId);
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
    customerHandoffs: await customerHandoffs(q, s),
    /** The whole timeline's length; `messages` may be its newest part only. */
    messageCount: total,
    /** The first shown message's id, to ask for the ones before it; null when none are left out. */
    earlierCursor: shown.length < total ? shown[0]!.id : null,
    messages: shown,
  };
}

/** The sidebar's view of the session `find` reads, every part from one snapshot (undefined: no such session). */
export function readAppSessionView(db: Database, find: (q: Queryable) => Promise<SessionRow | undefined>, opts: { window?: number } = {}) {
  return readSnapshot(db, async (tx) => {
    const session = await find(tx);
    return session ? appSessionView(tx, session, opts) : undefined;
  });
}

/** Up to `limit` messages of the timeline just before the message `before` (oldest first), and the cursor for more. */
export async function earlierMessages(q: Queryable, s: SessionRow, before: string, limit: number) {
  const { messages } = await conversationTimeline(q, s);
  const end = messages.findIndex((m) => m.id === before);
  // A cursor that is no longer in the timeline: nothing before it (the sidebar then reloads from its newest window).
  if (end < 0) return { messages: [], earlierCursor: null };
  const page = messages.slice(Math.max(0, end - limit), end);
  return { messages: page, earlierCursor: end - limit > 0 ? page[0]!.id : null };
}

/**
 * A cheap fingerprint of everything the view shows, for the live stream to notice changes, in one round trip per
 * tick. With the ticket the stream follows, it is the fingerprint of that ticket's newest session (a conversation
 * escalated again continues on its ticket), falling back to the session itself; `id` says which session it is.
 */
export async function sessionFingerprint(
  q: Queryable,
  sessionId: string,
  ticket?: { tenantId: string; ticketId: string },
): Promise<{ id: string; fingerprint: string } | undefined> {
  const { rows } = await q.query<{ id: string; f: string }>(
    `SELECT s.id, s.version || ':' || s.message_count || ':' ||
            (SELECT count(*) FILTER (WHERE status = 'delivered') || '/' || count(*) FILTER (WHERE status = 'dead')
               FROM deliveries WHERE session_id = s.id AND kind = 'message.created') AS f
       FROM sessions s
      WHERE s.id = COALESCE(
              (SELECT n.id FROM session_tickets st JOIN sessions n ON n.id = st.session_id
                WHERE st.tenant_id = $2 AND st.ticket_id = $3 ORDER BY n.created_at DESC LIMIT 1),
              $1)`,
    [sessionId, ticket?.tenantId ?? null, ticket?.ticketId ?? null],
  );
  return rows[0] ? { id: rows[0].id, fingerprint: rows[0].f } : undefined;
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
