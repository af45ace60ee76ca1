/**
 * The session lifecycle (PRODUCT.md "Session lifecycle"), pure: no clock, no I/O.
 *
 *   pending ──ticket_created──▶ waiting ──agent_replied / taken_over──▶ human ──returned──▶ returned
 *      │                          │ └──────────returned───────────────────────────────────────▲ │ │
 *      └─ticket_failed─▶ failed   └─── ended (also from pending / human / returned)            │ │
 *                                                 human ◀──reopened────────────────────────────┘ │
 *                                               waiting ◀──requeued──────────────────────────────┘
 *
 * `reopened` is for a ticket reopened after an agent had answered; `requeued` puts a session that no
 * agent answered yet back in the queue (a reopened ticket, or a customer message moved to a follow-up
 * ticket), so `human` always means a person spoke or took over.
 *
 * Every applied event bumps `version` by one. An event that was observed before the last applied
 * one (`at` older than `lastEventAt`) or that names an older `expectedVersion` is stale and ignored,
 * so a late or replayed webhook never moves a session backwards.
 */
export const SESSION_STATES = ['pending', 'waiting', 'human', 'returned', 'failed', 'ended'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const OPEN_STATES: readonly SessionState[] = ['pending', 'waiting', 'human'];

export type SessionEventType =
  | 'ticket_created'
  | 'ticket_failed'
  | 'agent_replied'
  | 'returned'
  | 'reopened'
  | 'requeued'
  | 'taken_over'
  | 'ended';

export interface SessionEvent {
  type: SessionEventType;
  /** When the source observed the event (ms epoch); older than the last applied event → stale. */
  at?: number;
  /** The version the sender saw; any other current version → stale. */
  expectedVersion?: number;
}

export interface SessionSnapshot {
  state: SessionState;
  version: number;
  lastEventAt: number | null;
}

export type TransitionResult =
  | { kind: 'applied'; from: SessionState; to: SessionState; version: number; lastEventAt: number | null }
  | { kind: 'unchanged'; reason: 'already_in_state' }
  | { kind: 'stale'; reason: 'older_event' | 'version_mismatch' }
  | { kind: 'rejected'; reason: 'invalid_transition'; from: SessionState; event: SessionEventType };

const TRANSITIONS: Record<SessionEventType, Partial<Record<SessionState, SessionState>>> = {
  ticket_created: { pending: 'waiting' },
  ticket_failed: { pending: 'failed' },
  agent_replied: { waiting: 'human', human: 'human' },
  returned: { waiting: 'returned', human: 'returned', returned: 'returned' },
  reopened: { returned: 'human' },
  requeued: { returned: 'waiting' },
  taken_over: { waiting: 'human' },
  ended: { pending: 'ended', waiting: 'ended', human: 'ended', returned: 'ended', ended: 'ended' },
};

export function isOpen(state: SessionState): boolean {
  return OPEN_STATES.includes(state);
}

export function transition(session: SessionSnapshot, event: SessionEvent): TransitionResult {
  if (event.expectedVersion !== undefined && event.expectedVersion !== session.version) {
    return { kind: 'stale', reason: 'version_mismatch' };
  }
  if (event.at !== undefined && session.lastEventAt !== null && event.at < session.lastEventAt) {
    return { kind: 'stale', reason: 'older_event' };
  }
  const to = TRANSITIONS[event.type][session.state];
  if (to === undefined) {
    return { kind: 'rejected', reason: 'invalid_transition', from: session.state, event: event.type };
  }
  if (to === session.state) return { kind: 'unchanged', reason: 'already_in_state' };
  const lastEventAt =
    event.at === undefined ? session.lastEventAt : Math.max(event.at, session.lastEventAt ?? event.at);
  return { kind: 'applied', from: session.state, to, version: session.version + 1, lastEventAt };
}
