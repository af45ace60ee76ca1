import * as z from 'zod/mini';

/** What Return to AI does to the ticket's status (the tenant's setting on the relay). */
export const RETURN_TICKET_STATUSES = ['solved', 'pending', 'unchanged'] as const;

/** One handoff of the conversation; an older relay sends none, a newer one every handoff up to the current one. */
const HandoffSchema = z.object({
  sessionId: z.string(),
  createdAt: z.string(),
  reason: z.object({ code: z.string(), text: z.nullable(z.string()) }),
  state: z.string(),
  ticketId: z.nullable(z.string()),
});

const MessageSchema = z.object({
  /** The handoff the message arrived with (absent from an older relay: then all belong to this one). */
  sessionId: z.optional(z.string()),
  id: z.string(),
  role: z.enum(['user', 'assistant', 'agent', 'system']),
  text: z.string(),
  createdAt: z.string(),
  /** `size` in bytes when the platform said. */
  attachments: z.array(z.object({ url: z.string(), name: z.nullable(z.string()), size: z.optional(z.number()) })),
  authorName: z.nullable(z.string()),
  delivery: z.nullable(z.object({ state: z.enum(['pending', 'delivered', 'failed']), attempts: z.number() })),
});

/** The relay's SessionView (server/app-api/app-view.ts), parsed at the boundary; extra fields are allowed. */
export const SessionViewSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'waiting', 'human', 'returned', 'failed', 'ended']),
  version: z.number(),
  stateChangedAt: z.string(),
  ticketId: z.nullable(z.string()),
  reason: z.object({ code: z.string(), text: z.nullable(z.string()) }),
  summary: z.nullable(z.string()),
  priority: z.string(),
  signals: z.object({ confidence: z.optional(z.number()), sentiment: z.optional(z.number()), intent: z.optional(z.string()) }),
  rule: z.nullable(z.object({ id: z.string(), name: z.string() })),
  trigger: z.nullable(z.string()),
  transitions: z.array(z.object({ from: z.nullable(z.string()), to: z.string(), at: z.string(), version: z.number(), cause: z.string() })),
  // Unknown to an older relay, and a status this app does not know yet must not blank the sidebar: both leave it
  // undefined, and the confirmation then does not promise an effect it cannot name.
  returnToAiTicketStatus: z.catch(z.optional(z.enum(RETURN_TICKET_STATUSES)), undefined),
  handoffs: z._default(z.array(HandoffSchema), []),
  // The customer and the platform's context (an older relay sends neither tags nor metadata).
  endUser: z.optional(z.object({ name: z.nullable(z.string()), locale: z.nullable(z.string()) })),
  tags: z._default(z.array(z.string()), []),
  metadata: z._default(z.looseObject({}), {}),
  /** The customer's handoffs before this conversation (an older relay sends none). */
  customerHandoffs: z.optional(z.object({
    count: z.number(),
    recent: z.array(z.object({ sessionId: z.string(), createdAt: z.string(), ticketId: z.nullable(z.string()) })),
  })),
  /** The whole timeline's length when `messages` is its newest part only (an older relay sends every message). */
  messageCount: z.optional(z.number()),
  messages: z.array(MessageSchema),
});
/** A page of earlier messages ("Show earlier messages"). */
export const EarlierPageSchema = z.object({ messages: z.array(MessageSchema), earlierCursor: z.nullable(z.string()) });
export type SessionView = z.infer<typeof SessionViewSchema>;
export type Handoff = SessionView['handoffs'][number];
export type ReturnTicketStatus = (typeof RETURN_TICKET_STATUSES)[number];
