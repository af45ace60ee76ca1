/**
 * Why a session changed state: the `cause` of every recorded transition (the sidebar's timeline, the
 * `session.state_changed` and `session.returned` webhooks). One list, so a new cause is a deliberate change: the
 * Zendesk app names each of these in the agent's language (src/locales/*.ts `causes`, checked by src/i18n.test.ts).
 * `applySessionEvent` takes only these; the first transition's `handoff` is written by insertSession's SQL, and the
 * batched agent-reply path (zendesk/event-batch.ts) checks its literal against this list.
 */
export const TRANSITION_CAUSES = [
  'handoff',
  'ticket_created',
  'ticket_create_failed',
  'agent_reply',
  'agent_took_over',
  'agent_returned_to_ai',
  'ticket_solved',
  'ticket_closed',
  'ticket_deleted',
  'ticket_reopened',
  'followup_ticket',
  'no_agent_timeout',
  'ended_by_platform',
] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];
