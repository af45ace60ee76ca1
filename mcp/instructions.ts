/**
 * The agent's escalation rules as "when to hand off" text (GET /v1/agents/{id}/handoff-instructions),
 * as a resource for clients that attach context and as a prompt for those that pick prompts.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BatonClient } from '../sdk/src/index.js';
import { orRelayError } from './tool-result.js';

export const instructionsUri = (agentId: string) => `baton://agents/${encodeURIComponent(agentId)}/handoff-instructions`;

export function registerHandoffInstructions(server: McpServer, baton: BatonClient, agentId: string) {
  // Fetched on every read: an admin may change the rules at any time.
  const text = () => orRelayError(async () => (await baton.agents.handoffInstructions(agentId)).instructions);
  server.registerResource(
    'handoff-instructions',
    instructionsUri(agentId),
    { title: 'When to hand off to a human', description: "This AI agent's escalation rules, written for the model", mimeType: 'text/markdown' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: await text() }] }),
  );
  server.registerPrompt(
    'when_to_hand_off',
    { title: 'When to hand off to a human', description: "Adds this AI agent's escalation rules and how to use the handoff tools" },
    async () => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text:
              `${await text()}\n\nTo hand off, call handoff_to_human with the whole transcript, the reason and a short summary; ` +
              'then forward each new customer message with send_customer_message, relay human replies from get_handoff_status, ' +
              'and call end_conversation when the customer leaves.',
          },
        },
      ],
    }),
  );
}
