import { z } from '@hono/zod-openapi';
import { ERROR_CATALOGUE, type ErrorCode } from '../core/errors.js';
import { REASON_CODES, REASON_DESCRIPTIONS } from '../core/reason-codes.js';
import { SESSION_STATES } from '../core/session-machine.js';
import { findUnstorable } from '../core/storable-json.js';

/**
 * The AI-platform API (v1) contract. Types come from these schemas; the OpenAPI document too.
 * Request objects are strict: a field the route does not know is a 422 naming it (README, "The AI-platform API"),
 * because a dropped misspelling (`handoffMesage`) silently does something else than the client meant.
 */
export const MAX_TRANSCRIPT_MESSAGES = 5_000;
export const MAX_MESSAGE_TEXT_CHARS = 32_000;

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_048)
  .openapi({ example: 'https://cdn.example.com/receipt.pdf' });

export const AttachmentSchema = z
  .strictObject({
    url: HttpUrl,
    name: z.string().max(255).optional(),
    contentType: z.string().max(255).optional(),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Size in bytes, when the platform knows it (the agent sees it beside the name)').openapi({ example: 48213 }),
  })
  .openapi('Attachment');

/**
 * Descriptions are `.describe()`, not `.openapi({ description })`: both reach /openapi.json, but only `.describe()`
 * reaches the JSON Schema zod makes for MCP tools (mcp/tools.ts), which is all a model sees of a field.
 */
export const MessageRoleSchema = z
  .enum(['user', 'assistant', 'agent', 'system'])
  .describe('user = the end customer, assistant = the AI agent, agent = a human agent, system = platform notices');

/**
 * RFC 3339 allows year 0000 (and an offset can carry 0001-01-01 into it), but PostgreSQL's timestamptz has no
 * year 0: such a time would fail inside the insert (a 500). Refused here, with the field named, instead.
 */
const EARLIEST_STORABLE_MS = Date.parse('0001-01-01T00:00:00Z');
const MessageTime = z.iso
  .datetime({ offset: true })
  .refine((v) => Date.parse(v) >= EARLIEST_STORABLE_MS, 'must be 0001-01-01T00:00:00Z or later');

export const TranscriptMessageSchema = z
  .strictObject({
    id: z.string().min(1).max(200).describe("The platform's own message id (deduplication key)"),
    role: MessageRoleSchema,
    text: z.string().max(MAX_MESSAGE_TEXT_CHARS),
    createdAt: MessageTime.describe('When the message was written (ISO 8601 with offset, e.g. 2026-11-24T10:00:00Z)'),
    attachments: z.array(AttachmentSchema).max(20).optional(),
    authorName: z.string().max(200).optional(),
  })
  .openapi('TranscriptMessage');

export type TranscriptMessageInput = z.infer<typeof TranscriptMessageSchema>;

export const EndUserSchema = z
  .strictObject({
    id: z.string().min(1).max(200).describe("The customer's id on the AI platform"),
    name: z.string().max(200).optional(),
    email: z.email().max(254).optional(),
    locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a BCP 47 tag such as en or pt-BR').optional().describe("The customer's language (BCP 47: en, pt-BR): the handoff message and notices use it"),
  })
  .openapi('EndUser');

export const PrioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);

export const MAX_METADATA_JSON_CHARS = 16_384;

const MetadataSchema = z
  .record(z.string().max(100), z.unknown())
  .superRefine((m, ctx) => {
    // Depth first, without recursion: JSON.stringify on a document 10,000 levels deep overflows the stack.
    const problem = findUnstorable(m);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path ? problem.path.split('.') : [] });
    else if (JSON.stringify(m).length > MAX_METADATA_JSON_CHARS) ctx.addIssue({ code: 'custom', message: 'metadata must serialize to at most 16 KB' });
  })
  .describe('Free-form key/values kept with the session (≤ 16 KB as JSON)');

export const SignalsSchema = z
  .strictObject({
    confidence: z.number().min(0).max(1).optional(),
    sentiment: z.number().min(-1).max(1).optional().describe('-1 (angry) … 1 (happy)'),
    intent: z.string().max(200).optional(),
  })
  .openapi('Signals');

export const HandoffRequestSchema = z
  .strictObject({
    conversationId: z.string().min(1).max(200).describe("The AI platform's id of the conversation: one open handoff (and ticket) per conversation"),
    endUser: EndUserSchema,
    transcript: z.array(TranscriptMessageSchema).max(MAX_TRANSCRIPT_MESSAGES).describe('The conversation so far, oldest first: the human agent reads it on the ticket'),
    reason: z
      .strictObject({
        code: z.enum(REASON_CODES).describe(`Why the conversation goes to a human: ${REASON_CODES.map((c) => `${c} = ${REASON_DESCRIPTIONS[c]}`).join(' ')}`),
        text: z.string().max(2_000).optional().describe('The reason in your own words, for the human agent'),
      })
      .describe('Why the conversation is handed off'),
    summary: z.string().max(8_000).optional().describe('A short summary for the human agent: what the customer wants and what was tried'),
    priority: PrioritySchema.default('normal').describe('The ticket priority'),
    tags: z.array(z.string().regex(/^[a-z0-9_:\-]{1,80}$/, 'lowercase letters, digits, _ : -')).max(30).default([]),
    metadata: MetadataSchema.default({}),
    signals: SignalsSchema.default({}),
    handoffMessage: z.string().max(2_000).optional().describe('Text the platform should show the customer once the ticket exists; echoed in handoff.accepted'),
  })
  .openapi('HandoffRequest');
export type HandoffRequest = z.infer<typeof HandoffRequestSchema>;

export const PostMessageSchema = TranscriptMessageSchema.openapi('PostMessageRequest');
export type PostMessageRequest = z.infer<typeof PostMessageSchema>;

export const EndSessionSchema = z
  .strictObject({ reason: z.string().max(500).optional().describe('Why the conversation ended (e.g. "customer left"): noted on the ticket') })
  .openapi('EndSessionRequest');

export const MessageViewSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    role: MessageRoleSchema,
    text: z.string(),
    createdAt: z.string(),
    attachments: z.array(AttachmentSchema),
    authorName: z.string().nullable(),
    source: z.enum(['transcript', 'platform', 'helpdesk']),
  })
  .openapi('Message');

export const TransitionViewSchema = z
  .object({
    version: z.number().int(),
    from: z.enum(SESSION_STATES).nullable(),
    to: z.enum(SESSION_STATES),
    cause: z.string(),
    at: z.string(),
  })
  .openapi('Transition');

export const SessionViewSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    conversationId: z.string(),
    state: z.enum(SESSION_STATES),
    version: z.number().int(),
    stateChangedAt: z.string(),
    createdAt: z.string(),
    ticket: z.object({ id: z.string() }).nullable(),
    previousSessionId: z.string().nullable().openapi({
      description: "The conversation's handoff before this one (re-escalation); its transcript and replies are part of this conversation's history",
    }),
    reason: z.object({ code: z.string(), text: z.string().nullable() }),
    summary: z.string().nullable(),
    priority: PrioritySchema,
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    signals: z.record(z.string(), z.unknown()),
    endUser: EndUserSchema,
    handoffMessage: z.string().nullable(),
    acceptedMessage: z.string().nullable().openapi({
      description:
        'The handoff message the customer was shown when the handoff was accepted (as handoff.accepted carried it): ' +
        "the platform's handoffMessage, or the relay's default (business hours, wait estimate). Null until then.",
    }),
    transcript: z.array(MessageViewSchema).optional(),
    transitions: z.array(TransitionViewSchema).optional(),
    waiting: z
      .object({
        withinBusinessHours: z.boolean().nullable(),
        nextOpenAt: z.string().nullable(),
        estimatedWaitSeconds: z.number().nullable(),
        estimateSampleSize: z.number().int(),
        noAgentDueAt: z.string().nullable().openapi({ description: 'When the no-agent timeout fires (null: off, fired or disarmed)' }),
        noAgentFiredAt: z.string().nullable(),
        agentSilentDueAt: z.string().nullable(),
        agentSilentNudges: z.number().int(),
      })
      .optional()
      .openapi({ description: 'Session detail only, once the ticket exists: business hours at handoff, wait estimate, timers ("While the customer waits")' }),
  })
  .openapi('Session');

export const SessionEnvelopeSchema = z.object({ session: SessionViewSchema }).openapi('SessionEnvelope');

export const ErrorSchema = z
  .object({
    error: z.object({
      // An enum in the document, so generated clients (sdk/) get the catalogue as a union type.
      code: z.enum(Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]).openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');
