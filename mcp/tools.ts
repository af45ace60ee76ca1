/**
 * The four tools an AI agent needs to hand a conversation to people and stay in the loop. Inputs are
 * the relay's own zod schemas (server/http/schemas.ts), so the MCP server accepts exactly what the relay does.
 */
import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { BatonClient } from '../sdk/src/index.js';
import { SessionIdParam } from '../server/http/routes/common.js';
import { EndSessionSchema, HandoffRequestSchema, PostMessageSchema } from '../server/http/schemas.js';
import { asToolResult } from './tool-result.js';

const sessionId = SessionIdParam.shape.id.describe('The session id handoff_to_human returned (ses_…)');

/** The message id and time are filled in when left out: a model rarely has them. */
const CustomerMessageSchema = PostMessageSchema.partial({ id: true, createdAt: true }).extend({
  role: PostMessageSchema.shape.role.default('user'),
});

export function registerHandoffTools(server: McpServer, baton: BatonClient) {
  server.registerTool(
    'handoff_to_human',
    {
      title: 'Hand the conversation to a human',
      description:
        'Creates a Zendesk ticket with the transcript, reason and summary; a human agent takes over. Call it when the handoff instructions say so. ' +
        'Returns the session (keep its id). While the conversation already has an open handoff, that one is returned (created: false).',
      inputSchema: HandoffRequestSchema,
      annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (input) => asToolResult(async () => ({ ...(await baton.handoffs.create(input)) })),
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
        ...(await baton.sessions.postMessage(id, { ...message, id: message.id ?? randomUUID(), createdAt: message.createdAt ?? new Date().toISOString() })),
      })),
  );

  server.registerTool(
    'get_handoff_status',
    {
      title: 'Where the handoff stands, with the human agent replies',
      description:
        'The state (pending: ticket being created; waiting: for a person; human: a person is on it; returned: back to you; ended; failed), the ticket, ' +
        'handoffMessage (once accepted: what to tell the customer while they wait, with business hours and wait estimate when known), ' +
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
        return { id: session.id, state: session.state, version: session.version, ticket: session.ticket, handoffMessage: session.acceptedMessage ?? session.handoffMessage, replies };
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
