/**
 * Webhook event types sent to AI platforms (Standard Webhooks `type`). Names say what happened;
 * never renamed once published.
 */
export const PLATFORM_EVENT_TYPES = [
  'handoff.accepted',
  'handoff.failed',
  'message.created',
  'session.state_changed',
  'session.returned',
  'session.waiting_update',
  'session.no_agent_timeout',
  'session.agent_silent',
] as const;
export type PlatformEventType = (typeof PLATFORM_EVENT_TYPES)[number];

/** Work for the helpdesk side (Zendesk), in the order it must happen per session. */
export const HELPDESK_TASK_KINDS = ['ticket.create', 'ticket.end_user_message', 'ticket.note', 'ticket.return_to_ai', 'ticket.mark'] as const;
export type HelpdeskTaskKind = (typeof HELPDESK_TASK_KINDS)[number];

/**
 * helpdesk: writes to Zendesk; platform: webhooks to the AI platform; inbound: catching up with a ticket;
 * timer: a waiting timer due at its `next_attempt_at` (no-agent, agent-silent).
 */
export type DeliveryChannel = 'helpdesk' | 'platform' | 'inbound' | 'timer';
