import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createBatonClient, type BatonClient } from '../sdk/src/index.js';
import type { McpConfig } from './config.js';
import { registerHandoffInstructions } from './instructions.js';
import { registerHandoffTools } from './tools.js';

/** One MCP server over the Baton SDK: handoff tools plus the agent's "when to hand off" instructions. */
export function createBatonMcpServer(baton: BatonClient, agentId: string): McpServer {
  const server = new McpServer(
    { name: 'baton', version: '0.1.0' },
    { instructions: 'Hand conversations to human agents in Zendesk through Baton. Read the when_to_hand_off prompt (or the handoff-instructions resource) first.' },
  );
  registerHandoffTools(server, baton);
  registerHandoffInstructions(server, baton, agentId);
  return server;
}

export const batonClientFor = (config: McpConfig) => createBatonClient({ apiKey: config.apiKey, baseUrl: config.relayUrl });
