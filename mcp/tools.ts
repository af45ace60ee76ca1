/**
 * The four tools an AI agent needs to hand a conversation to people and stay in the loop. Inputs are
 * the relay's own zod schemas (server/http/schemas.ts), so the MCP server accepts exactly what the relay does.
 */
import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { BatonClient } from '../sdk/src/index.js';
import { SessionIdParam } from '../server/http/routes/common.js';
import { EndSessionSchema, HandoffRequestSchema, MAX_TRANSCRIPT_MESSAGES, PostMessageSchema, TranscriptMessageSchema } from '../server/http/schemas.js';
import { asToolResult } from './tool-result.js';

const sessionId = SessionIdParam.shape.id.describe('The session id handoff_to_human returned (ses_…)');

/** The message id and time are filled in when left out: a model rarely has them. */
const CustomerMessageSchema = PostMessageSchema.partial({ id: true, createdAt: true }).extend({
  role: PostMessageSchema.shape.role.default('user'),
});

/**
 * The same for the handoff's transcript: a model has the conversation's words and roles, seldom the platform's message
 * ids and times. Requiring them made a model invent both (or fail validation) before it could hand off at all.
 */
const HandoffToolSchema = HandoffRequestSchema.extend({
  transcript: z
    .array(TranscriptMessageSchema.partial({ id: true, createdAt: true }))
    .max(MAX_TRANSCRIPT_MESSAGES)
    .describe('The conversation so far, oldest first ({role, text}; id and createdAt when you have them): the human agent reads it on the ticket'),
});

/** Lines without an id get a fresh one; without a time, the time of the call (ties keep the transcript's order). */
const filled = <T extends { id?: string | undefined; createdAt?: string | undefined }>(line: T, now: string) => ({
  ...line,
  id: line.id ?? randomUUID(),
  createdAt: line.createdAt ?? now,
});

export function registerHandoffTools(server: McpServer, baton: BatonClient) {
  server.registerTool(
    'handoff_to_human',
    {
      title: 'Hand the conversation to a human',
      description:
        'Creates a Zendesk ticket with the transcript, reason and summary; a human agent takes over. Call it when the handoff instructions say so. ' +
        'Returns the session (keep its id). While the conversation already has an open handoff, that one is returned (created: false).',
      inputSchema: HandoffToolSchema,
      annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (input) =>
      asToolResult(async () => {
        const now = new Date().toISOString();
        return { ...(await baton.handoffs.create({ ...input, transcript: input.transcript.map((line) => filled(line, now)) })) };
      }),
  );

  server.registerTool(
    'send_customer_message',
    {
      title: "Forward the customer's message to the ticket",
      description:
        'While a handoff is open, forward each new customer message (role user) so the human agent sees it. role assistant/system lines become internal notes; ' +
        'assistant lines are refused (human_owns_session) once a person has taken over. ' +
        "Each call without a message id is a new line; pass the platform's message id to make repeating a call harmless.",
      inputSchema: z.object({ sessionId, message: CustomerMessageSchema }),
      // Not idempotent: a missing id is filled with a fresh one, so the same arguments twice post two lines.
      annotations: { idempotentHint: false, openWorldHint: true },
    },
    async ({ sessionId: id, message }) =>
      asToolResult(async () => ({
        ...(await baton.sessions.postMessage(id, filled(message, new Date().toISOString()))),
      })),
  );

  server.registerTool(
    'get_handoff_status',
    {
      title: 'Where the handoff stands, with the human agent replies',
      description:
        'The state (pending: ticket being created; waiting: for a person; human: a person is on it; returned: back to you; ended; failed), the ticket, ' +
        'handoffMessage (once accepted: what to tell the customer while they wait, with business hours and wait estimate when known; null before that and when the handoff failed), ' +
        'and the human agent replies after `afterSeq` (pass the last seq you saw), which you should relay to the customer.',
      inputSchema: z.object({ sessionId, afterSeq: z.number().int().min(0).default(0) }),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ sessionId: id, afterSeq }) =>
      asToolResult(async () => {
        const { session } = await baton.sessions.get(id);
        // Only what people wrote in Zendesk: `agent` lines the platform sent itself (an earlier human's words in the
        // transcript) are history the customer has seen, and relaying them again would repeat them.
        const replies = (session.transcript ?? []).filter((m) => m.role === 'agent' && m.source === 'helpdesk' && m.seq > afterSeq);
        // What handoff.accepted carried, so null until the ticket exists: the platform's own handoffMessage alone (a
        // pending or failed handoff) would have the model promise a person who may never come. A session accepted
        // before acceptedMessage was recorded has a ticket: its platform message stands in.
        const handoffMessage = session.acceptedMessage ?? (session.ticket ? session.handoffMessage : null);
        return { id: session.id, state: session.state, version: session.version, ticket: session.ticket, handoffMessage, replies };
      }),
  );

  server.registerTool(
    'end_conversation',
    {
      title: 'End the handoff',
      description: 'The customer left or the conversation is over: ends the session and notes it on the ticket. Ending twice is harmless.',
      inputSchema: EndSessionSchema.extend({ sessionId }),
      annotations: { destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    async ({ sessionId: id, ...body }) => asToolResult(async () => ({ ...(await baton.sessions.end(id, body)) })),
  );
}
