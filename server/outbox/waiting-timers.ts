import { stillWaitingMessage } from '../core/waiting-messages.js';
import type { Queryable } from '../db/database.js';
import { escapeHtml } from '../core/transcript-html.js';
import { enqueue, type DeliveryRow, type NewDelivery } from '../store/deliveries.js';
import { findSession, type SessionRow } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';
import { findWaiting, updateWaiting, type WaitingRow } from '../store/waiting.js';
import { helpdeskTask, platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import { HelpdeskError, type Helpdesk } from '../helpdesk/helpdesk.js';
import type { Database } from '../db/database.js';
import { syncTicket } from './ticket-sync-handler.js';
import type { HandlerOutcome } from './worker.js';

/**
 * Fires a waiting timer (an outbox row on channel 'timer', due at its time). All of it happens in the
 * commit that marks the row delivered, which only the worker still holding the claim gets to run: the
 * timer takes effect once across relays and restarts. A timer whose session moved on (an agent replied,
 * the session ended, a newer due time replaced it) finds its due time gone and does nothing.
 */
export async function fireWaitingTimer(d: DeliveryRow, deps: { db: Database; helpdeskFor: (tenantId: string) => Promise<Helpdesk | undefined> }): Promise<HandlerOutcome> {
  const fire = fireOnWhatIsKnown(d);
  // Zendesk's webhooks can be lost or late (the reconciliation poll finds them minutes later): an agent may have
  // answered already. A live timer reads the ticket first, as a catch-up does, and that catch-up commits before the
  // timer decides, so it sees the agent's reply and stands down. Zendesk unreachable or not connected: the timer
  // fires on what the relay knows rather than wait on Zendesk (its retries would hold the customer's nudge back).
  const session = await findSession(deps.db, d.sessionId);
  if (!session?.ticketId || !(await isLive(deps.db, d, session.state))) return fire;
  const helpdesk = await deps.helpdeskFor(session.tenantId);
  if (!helpdesk) return fire;
  let catchUp: HandlerOutcome;
  try {
    catchUp = await syncTicket(session, helpdesk);
  } catch (error) {
    if (error instanceof HelpdeskError) return fire;
    throw error;
  }
  return {
    commit: async (tx) => {
      await catchUp.commit?.(tx);
      await fire.commit!(tx);
    },
  };
}

/** Still due as stored, and the session still where the timer acts: a stale timer costs no Zendesk read. */
async function isLive(db: Database, d: DeliveryRow, state: SessionRow['state']): Promise<boolean> {
  const w = await findWaiting(db, d.sessionId);
  const dueAt = typeof d.payload.dueAt === 'string' ? d.payload.dueAt : '';
  if (!w) return false;
  if (d.kind === 'timer.no_agent') return state === 'waiting' && sameDue(w.noAgentDueAt, dueAt);
  return state === 'human' && sameDue(w.agentSilentDueAt, dueAt);
}

function fireOnWhatIsKnown(d: DeliveryRow): HandlerOutcome {
  return {
    commit: async (tx) => {
      const session = await findSession(tx, d.sessionId, { forUpdate: true });
      const w = await findWaiting(tx, d.sessionId, { forUpdate: true });
      if (!session || !w) return;
      const dueAt = typeof d.payload.dueAt === 'string' ? d.payload.dueAt : '';
      if (d.kind === 'timer.no_agent') await noAgentTimeout(tx, session, w, dueAt);
      if (d.kind === 'timer.agent_silent') await agentSilent(tx, session, w, dueAt);
    },
  };
}

const sameDue = (at: Date | null, iso: string) => at !== null && at.toISOString() === iso;

async function noAgentTimeout(tx: Queryable, session: SessionRow, w: WaitingRow, dueAt: string): Promise<void> {
  if (!sameDue(w.noAgentDueAt, dueAt) || session.state !== 'waiting') return;
  await updateWaiting(tx, session.id, { noAgentDueAt: null, noAgentFiredAt: new Date() });
  const { action, minutes, businessHours, priority, tag } = w.policy.noAgent;
  const counted = businessHours && w.policy.schedule ? 'business minutes' : 'minutes';
  const deliveries: NewDelivery[] = [
    platformEvent(session, 'session.no_agent_timeout', {
      ticketId: session.ticketId,
      action,
      minutes,
      businessHours: businessHours && w.policy.schedule !== null,
      // keep_waiting: words for the customer, so the wait is not silent.
      message: action === 'keep_waiting' ? stillWaitingMessage(session.endUser.locale) : null,
    }),
  ];
  if (action === 'raise_priority') {
    deliveries.push(helpdeskTask(session, 'ticket.mark', {
      priority,
      tags: [tag],
      noteHtml: `<p><strong>No agent has replied</strong> within ${minutes} ${counted}: priority raised to ${priority}.</p>`,
    }));
  }
  await enqueue(tx, deliveries);
  if (action === 'return_to_ai') {
    // The same ticket change as an agent's "Return to AI": the tenant's chosen status (solved, pending or
    // unchanged), with a note saying why and the policy's tag instead of the agent's name.
    const tenant = await findTenant(tx, session.tenantId);
    await enqueue(tx, [helpdeskTask(session, 'ticket.return_to_ai', {
      status: tenant?.returnToAiTicketStatus ?? 'solved',
      tag,
      noteHtml: `<p><strong>Returned to the AI</strong>: no agent replied within ${minutes} ${counted}.</p>`,
    })]);
    await applySessionEvent(tx, session.id, { type: 'returned' }, { cause: 'no_agent_timeout', strict: false });
  }
}

async function agentSilent(tx: Queryable, session: SessionRow, w: WaitingRow, dueAt: string): Promise<void> {
  if (!sameDue(w.agentSilentDueAt, dueAt) || session.state !== 'human') return;
  // Fired stays true until an agent answers: one nudge per silence, however often the customer writes.
  await updateWaiting(tx, session.id, { agentSilentDueAt: null, agentSilentFired: true, agentSilentFiredOnce: true });
  const { minutes, tag, note, businessHours } = w.policy.agentSilent;
  const counted = businessHours && w.policy.schedule ? 'business minutes' : 'minutes';
  const deliveries: NewDelivery[] = [platformEvent(session, 'session.agent_silent', { ticketId: session.ticketId, minutes, businessHours: Boolean(businessHours && w.policy.schedule) })];
  if (tag || note) {
    deliveries.push(helpdeskTask(session, 'ticket.mark', {
      tags: tag ? [tag] : [],
      noteHtml: note ? `<p><strong>The customer is waiting</strong>: no agent reply for ${escapeHtml(String(minutes))} ${counted} since their message.</p>` : undefined,
    }));
  }
  await enqueue(tx, deliveries);
}
