import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody } from '../server/http/errors.js';
import { loadMcpConfig } from './config.js';
import { batonClientFor, createBatonMcpServer, MCP_RETRY, MCP_WORST_CASE_MS } from './server.js';

/** A relay that is down for good: every request gets 503 `database_unavailable` with `Retry-After`, and is counted. */
async function unavailableRelay(retryAfterSeconds: number) {
  let attempts = 0;
  const server = createServer((req, res) => {
    attempts++;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
    res.end(JSON.stringify(errorBody('database_unavailable')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, attempts: () => attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** The real MCP server as `npm run mcp` builds it (config → SDK client), driven by the MCP SDK's client. */
async function mcpAgainst(relayUrl: string) {
  const config = loadMcpConfig({ BATON_API_KEY: 'bk_test_0123456789', BATON_URL: relayUrl, BATON_AGENT_ID: 'agt_test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createBatonMcpServer(batonClientFor(config), config.agentId).connect(serverSide);
  const client = new Client({ name: 'baton-test', version: '1.0.0' });
  await client.connect(clientSide);
  stops.push(() => client.close());
  return client;
}

describe("the MCP server's retry budget", () => {
  it('answers a tool call against a relay that keeps answering 503 with the relay\'s error, within an MCP client\'s 60 s', async () => {
    // Every attempt timing out and every wait at its cap still ends before a client's usual 60 s tool-call timeout.
    expect(MCP_WORST_CASE_MS).toBeLessThanOrEqual(50_000);

    const relay = await unavailableRelay(1);
    stops.push(relay.close);
    const client = await mcpAgainst(relay.url);
    const result = (await client.callTool({ name: 'get_handoff_status', arguments: { sessionId: 'ses_down' } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: 'database_unavailable', status: 503 } });
    // The SDK's default budget tries 4 times; the MCP server's stops after its own maxAttempts.
    expect(relay.attempts()).toBe(MCP_RETRY.maxAttempts);

    // A relay asking for a longer wait than the budget allows: the model reads the error at once rather than waiting.
    const slow = await unavailableRelay(30);
    stops.push(slow.close);
    const refused = (await (await mcpAgainst(slow.url)).callTool({ name: 'get_handoff_status', arguments: { sessionId: 'ses_down' } })) as CallToolResult;
    expect([refused.isError, slow.attempts()]).toEqual([true, 1]);
  });
});
