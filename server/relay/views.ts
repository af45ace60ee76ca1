import type { TranscriptMessageInput } from '../http/schemas.js';
import type { MessageInput, MessageRow } from '../store/messages.js';
import type { WaitingRow } from '../store/waiting.js';
import type { SessionRow, TransitionRow } from '../store/sessions.js';

/** The JSON shapes the API answers with (SessionViewSchema / MessageViewSchema in http/schemas.ts). */
export function messageView(m: MessageRow) {
  return {
    id: m.messageId,
    seq: m.seq,
    role: m.role,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    attachments: m.attachments,
    authorName: m.authorName ?? null,
    source: m.source,
  };
}

export function sessionView(s: SessionRow, extra: { messages?: MessageRow[]; transitions?: TransitionRow[]; waiting?: WaitingRow | undefined } = {}) {
  return {
    id: s.id,
    agentId: s.agentId,
    conversationId: s.conversationId,
    state: s.state,
    version: s.version,
    stateChangedAt: s.stateChangedAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    ticket: s.ticketId ? { id: s.ticketId } : null,
    previousSessionId: s.previousSessionId,
    reason: { code: s.reasonCode, text: s.reasonText },
    summary: s.summary,
    priority: s.priority,
    tags: s.tags,
    metadata: s.metadata,
    signals: s.signals,
    endUser: s.endUser,
    handoffMessage: s.handoffMessage,
    acceptedMessage: s.acceptedMessage,
    ...(extra.messages ? { transcript: extra.messages.map(messageView) } : {}),
    ...(extra.transitions
      ? {
          transitions: extra.transitions.map((t) => ({
            version: t.version,
            from: t.from,
            to: t.to,
            cause: t.cause,
            at: t.at.toISOString(),
          })),
        }
      : {}),
    ...(extra.waiting ? { waiting: waitingView(extra.waiting) } : {}),
  };
}

/** What the relay decided about the wait (session detail only): hours at handoff, estimate, timers. */
function waitingView(w: WaitingRow) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    withinBusinessHours: w.withinBusinessHours,
    nextOpenAt: iso(w.nextOpenAt),
    estimatedWaitSeconds: w.estimatedWaitSeconds,
    estimateSampleSize: w.estimateSamples,
    noAgentDueAt: iso(w.noAgentDueAt),
    noAgentFiredAt: iso(w.noAgentFiredAt),
    agentSilentDueAt: iso(w.agentSilentDueAt),
    agentSilentNudges: w.agentSilentCount,
  };
}

export type SessionView = ReturnType<typeof sessionView>;

/** A message as the platform sent it → the stored shape. */
export function toMessageInput(m: TranscriptMessageInput): MessageInput {
  return {
    messageId: m.id,
    role: m.role,
    text: m.text,
    attachments: m.attachments ?? [],
    authorName: m.authorName ?? null,
    createdAt: new Date(m.createdAt),
  };
}
