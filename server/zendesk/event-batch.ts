import { transition } from '../core/session-machine.js';
import { planTicketSync } from '../core/ticket-sync.js';
import type { TransitionCause } from '../core/transition-causes.js';
import type { Queryable } from '../db/database.js';
import { platformEvent } from '../relay/platform-events.js';
import { messageView } from '../relay/views.js';
import { planWaitingChange } from '../core/waiting-plan.js';
import { estimateKey, refreshEstimates } from '../relay/waiting.js';
import { enqueue, type NewDelivery } from '../store/deliveries.js';
import {
  lockSessions,
  lockTickets,
  pairKey,
  recordInvocations,
  writeEventBatch,
  type NewReply,
  type SessionChange,
  type WaitingChange,
} from '../store/event-batch.js';
import type { SessionRow } from '../store/sessions.js';
import { applyTicketEvent, type EventOutcome, type TicketEventWork } from './ticket-event-work.js';

/**
 * Zendesk comment events that arrived together, applied in the caller's transaction with set-based
 * statements: one dedupe insert, one lock of the tickets' cursors, one of the sessions and their waiting rows
 * (each in key order), then one write of the sessions, transitions, transcript lines, waiting rows, timers and
 * event records, and one of the outbox rows. Each event decides
 * exactly as applyTicketEvent → applyTicketActivity('event') would alone (the same pure planner and state
 * machine), as if the events had run one after another in arrival order.
 *
 * The common case takes this path: a comment on a ticket whose session the relay recorded, alone in the batch
 * with its ticket and its session. Anything else (a status change, a ticket not recorded yet, replies that
 * belong to an earlier handoff, a second event of the same session) runs afterwards through the one-event code,
 * in the same transaction and in arrival order, so it sees what the set-based part wrote.
 */
export async function commitEventBatch(tx: Queryable, batch: readonly TicketEventWork[]): Promise<EventOutcome[]> {
  const outcomes: Array<EventOutcome | undefined> = batch.map(() => undefined);
  const fresh = await recordInvocations(tx, batch.map((e) => ({ tenantId: e.tenantId, invocationId: e.invocationId, body: { type: e.type, ticket_id: e.ticketId } })));
  // The first copy of an invocation in the batch is the one the insert accepted; a later copy is a duplicate.
  const claimed = new Set<string>();
  const live: number[] = [];
  batch.forEach((e, i) => {
    const key = pairKey(e.tenantId, e.invocationId);
    if (!fresh.has(key) || claimed.has(key)) outcomes[i] = 'duplicate';
    else {
      claimed.add(key);
      live.push(i);
    }
  });

  const ticketKey = (e: TicketEventWork) => pairKey(e.tenantId, e.ticketId);
  const perTicket = new Map<string, number>();
  for (const i of live) perTicket.set(ticketKey(batch[i]!), (perTicket.get(ticketKey(batch[i]!)) ?? 0) + 1);
  const candidates = live.filter((i) => batch[i]!.comment && perTicket.get(ticketKey(batch[i]!)) === 1);
  const tickets = candidates.length > 0 ? await lockTickets(tx, candidates.map((i) => batch[i]!)) : new Map();
  const owners = new Map<string, number>();
  for (const i of candidates) {
    const owner = tickets.get(ticketKey(batch[i]!))?.ownerId;
    if (owner) owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  const fast = candidates.filter((i) => {
    const owner = tickets.get(ticketKey(batch[i]!))?.ownerId;
    return owner && owners.get(owner) === 1;
  });
  const sessions = await lockSessions(tx, fast.map((i) => tickets.get(ticketKey(batch[i]!))!.ownerId!));

  const at = new Date();
  const changes: SessionChange[] = [];
  const replies: NewReply[] = [];
  const deliveries: NewDelivery[] = [];
  const waitingChanges: WaitingChange[] = [];
  const eventComments: Array<{ tenantId: string; ticketId: string; commentId: string }> = [];
  const refreshes = new Map<string, Parameters<typeof refreshEstimates>[1]>();
  const applied = new Set<number>();
  for (const i of fast) {
    const e = batch[i]!;
    const seen = tickets.get(ticketKey(e))!;
    const locked = sessions.get(seen.ownerId!);
    if (!locked) continue;
    const s = locked.session;
    // As applyTicketEvent: a session without a recorded ticket gets a catch-up instead (the one-event path).
    if (!s.ticketId) continue;
    const onThisTicket = s.ticketId === e.ticketId;
    const comment = e.comment!;
    const plan = planTicketSync(
      {
        state: s.state,
        requesterId: s.ticketRequesterId,
        hadAgentReply: s.firstReplyAt !== null,
        isLatest: onThisTicket && !locked.hasNewer,
        startCommentId: typeof s.routing.startCommentId === 'string' && onThisTicket ? BigInt(s.routing.startCommentId) : null,
      },
      seen,
      { status: e.status.toLowerCase(), comments: [comment] },
    );
    // A reply that answered the conversation's earlier handoff is relayed under that session: the one-event path.
    if (plan.earlierReplies.length > 0 && s.previousSessionId) continue;
    applied.add(i);
    outcomes[i] = 'relayed';
    if (BigInt(comment.id) > seen.cursor) eventComments.push({ tenantId: e.tenantId, ticketId: e.ticketId, commentId: comment.id });
    if (plan.agentReplies.length === 0) continue;
    const t = transition({ state: s.state, version: s.version, lastEventAt: s.lastEventAt?.getTime() ?? null }, { type: 'agent_replied' });
    const moved = t.kind === 'applied' ? { from: t.from, to: t.to, version: t.version, lastEventAt: t.lastEventAt, cause: 'agent_reply' satisfies TransitionCause } : null;
    const current: SessionRow = moved ? { ...s, state: moved.to, version: moved.version, stateChangedAt: at } : s;
    if (moved) deliveries.push(platformEvent(current, 'session.state_changed', { from: moved.from, to: moved.to, version: moved.version, cause: moved.cause }));
    plan.agentReplies.forEach((c, n) => {
      const reply: NewReply = { sessionId: s.id, seq: s.messageCount + 1 + n, messageId: `zd-${c.id}`, text: c.text, authorName: c.authorName, createdAt: c.createdAt };
      replies.push(reply);
      const view = messageView({ ...reply, role: 'agent', attachments: [], source: 'helpdesk', receivedAt: at });
      deliveries.push(platformEvent(current, 'message.created', { message: view }));
    });
    changes.push({ id: s.id, transition: moved, added: plan.agentReplies.length });
    const w = locked.waiting;
    if (!w) continue;
    // The same plan as the one-event path's afterTransition + agentAnswered, written set-based below.
    const change = planWaitingChange(w, { moved, agentAnswered: true }, at);
    // An agent's reply never puts a session back in the queue; were it to, failing the batch sends every event one at a time.
    if (change.armNoAgentAt) throw new Error('a reply cannot re-arm the no-agent timer');
    waitingChanges.push({ sessionId: s.id, ...change });
    if (change.firstReplyAt) {
      const key = estimateKey(w);
      refreshes.set(JSON.stringify([key.agentId, key.groupId, key.hourOfWeek, key.minSamples]), key);
    }
  }
  await writeEventBatch(tx, { changes, replies, waiting: waitingChanges, eventComments });
  await enqueue(tx, deliveries);
  // One refresh per (agent, group, hour of the week) for all the batch's first replies: the waiting sessions hear the estimate they end with.
  for (const key of refreshes.values()) await refreshEstimates(tx, key, at);

  // Everything else, one event at a time in arrival order, seeing what the set-based part wrote.
  for (const i of live) {
    if (applied.has(i)) continue;
    outcomes[i] = await applyTicketEvent(tx, batch[i]!);
  }
  return outcomes.map((o) => o ?? 'duplicate');
}
