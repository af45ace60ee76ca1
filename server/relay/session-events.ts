import { BatonError } from '../core/errors.js';
import { transition, type SessionEvent, type SessionState } from '../core/session-machine.js';
import type { TransitionCause } from '../core/transition-causes.js';
import type { Queryable } from '../db/database.js';
import { enqueue, type NewDelivery } from '../store/deliveries.js';
import { listMessages } from '../store/messages.js';
import { findSession, recordTransition, type SessionRow } from '../store/sessions.js';
import { platformEvent } from './platform-events.js';
import { messageView } from './views.js';
import { afterTransition } from './waiting.js';

export type ApplyOutcome =
  | { applied: true; session: SessionRow; from: SessionState }
  | { applied: false; session: SessionRow; reason: string };

/**
 * Applies a lifecycle event to a session inside the caller's transaction: checks the pure state
 * machine, records the transition and enqueues the webhooks that announce it, all or nothing.
 * `strict` turns an impossible transition into a 409 (user actions); webhooks from Zendesk pass
 * `strict: false` because a late event is normal there and must simply be ignored.
 */
export async function applySessionEvent(
  tx: Queryable,
  sessionId: string,
  event: SessionEvent,
  opts: {
    cause: TransitionCause;
    strict: boolean;
    extraData?: Record<string, unknown>;
    extraDeliveries?: (s: SessionRow) => NewDelivery[];
    /** Stored with the transition, only when it applies: the handoff message `handoff.accepted` carries. */
    acceptedMessage?: string;
  },
): Promise<ApplyOutcome> {
  const session = await findSession(tx, sessionId, { forUpdate: true });
  if (!session) throw new BatonError('session_not_found');
  const result = transition(
    { state: session.state, version: session.version, lastEventAt: session.lastEventAt?.getTime() ?? null },
    event,
  );
  if (result.kind !== 'applied') {
    if (opts.strict && result.kind === 'rejected') {
      throw new BatonError('invalid_transition', `Cannot apply ${event.type} to a session in state ${session.state}.`, {
        state: session.state,
        event: event.type,
      });
    }
    return { applied: false, session, reason: result.kind === 'unchanged' ? result.reason : result.reason };
  }
  await recordTransition(tx, {
    id: session.id,
    from: result.from,
    to: result.to,
    version: result.version,
    lastEventAt: result.lastEventAt,
    cause: opts.cause,
    ...(opts.acceptedMessage === undefined ? {} : { acceptedMessage: opts.acceptedMessage }),
  });
  const updated: SessionRow = { ...session, state: result.to, version: result.version, stateChangedAt: new Date() };
  const change = { from: result.from, to: result.to, version: result.version, cause: opts.cause };
  const deliveries: NewDelivery[] = [...(opts.extraDeliveries?.(updated) ?? [])];
  deliveries.push(platformEvent(updated, 'session.state_changed', { ...change, ...opts.extraData }));
  if (result.to === 'returned') {
    // The AI takes over again: give it what the humans said, so it can continue without asking.
    const messages = await listMessages(tx, session.id);
    const humanPart = messages.filter((m) => m.source !== 'transcript').map(messageView);
    deliveries.push(
      platformEvent(updated, 'session.returned', {
        ticketId: session.ticketId,
        version: result.version,
        cause: opts.cause,
        ...opts.extraData,
        transcript: humanPart,
      }),
    );
  }
  await enqueue(tx, deliveries);
  // Timers follow the lifecycle: leaving `waiting` disarms the no-agent timer, leaving `human` the agent-silent one.
  await afterTransition(tx, updated.id, result.from, result.to, new Date());
  return { applied: true, session: updated, from: result.from };
}
