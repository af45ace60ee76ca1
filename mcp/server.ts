import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createBatonClient, type BatonClient, type RetryOptions } from '../sdk/src/index.js';
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

/**
 * The SDK's retry budget for the MCP server. The SDK's default (4 attempts × 30 s, waiting up to 60 s for a
 * Retry-After) outlasts the 60 s an MCP client usually gives a tool call, so the model got the client's timeout
 * instead of the relay's error. This budget answers within MCP_WORST_CASE_MS (46 s): the model then reads the relay's
 * code (`database_unavailable`, `rate_limited`) as a tool error and may call again itself.
 */
export const MCP_ATTEMPT_TIMEOUT_MS = 12_000;
export const MCP_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 2_000,
  // A relay asking for a longer wait than this gets its error to the model at once (a wait the client would not see end).
  maxRetryAfterMs: 5_000,
};
/** Every attempt timing out, and the longest wait between them (the Retry-After cap: above the back-off cap). */
export const MCP_WORST_CASE_MS =
  MCP_RETRY.maxAttempts * MCP_ATTEMPT_TIMEOUT_MS + (MCP_RETRY.maxAttempts - 1) * Math.max(MCP_RETRY.maxDelayMs, MCP_RETRY.maxRetryAfterMs);

export const batonClientFor = (config: Pick<McpConfig, 'apiKey' | 'relayUrl'>) =>
  createBatonClient({ apiKey: config.apiKey, baseUrl: config.relayUrl, retry: MCP_RETRY, timeoutMs: MCP_ATTEMPT_TIMEOUT_MS });
