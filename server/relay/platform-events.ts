import type { PlatformEventType } from '../core/events.js';
import type { NewDelivery } from '../store/deliveries.js';
import type { SessionRow } from '../store/sessions.js';

/**
 * Builds an outbox row for a webhook to the AI platform. The payload is the Standard Webhooks body
 * `{type, timestamp, data}`; the timestamp is when the event happened, not when it was sent.
 */
export function platformEvent(session: SessionRow, type: PlatformEventType, data: Record<string, unknown>): NewDelivery {
  return {
    tenantId: session.tenantId,
    agentId: session.agentId,
    sessionId: session.id,
    channel: 'platform',
    kind: type,
    payload: {
      type,
      timestamp: new Date().toISOString(),
      data: { sessionId: session.id, conversationId: session.conversationId, ...data },
    },
  };
}

export function helpdeskTask(session: SessionRow, kind: string, payload: Record<string, unknown>): NewDelivery {
  return { tenantId: session.tenantId, agentId: session.agentId, sessionId: session.id, channel: 'helpdesk', kind, payload };
}
