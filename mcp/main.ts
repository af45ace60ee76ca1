/**
 * `npm run mcp` (stdio, for desktop and agent-framework clients) or `npm run mcp -- --http`
 * (Streamable HTTP on MCP_HOST:MCP_PORT/mcp). Configuration: see mcp/config.ts and README "MCP server".
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadMcpConfig } from './config.js';
import { startMcpHttp } from './http.js';
import { batonClientFor, createBatonMcpServer } from './server.js';

const config = loadMcpConfig(process.env, process.argv.slice(2));
const baton = batonClientFor(config);

if (config.transport === 'stdio') {
  // stdout carries the protocol: anything for people goes to stderr.
  await createBatonMcpServer(baton, config.agentId).connect(new StdioServerTransport());
  process.stderr.write(`Baton MCP server on stdio (relay ${config.relayUrl}, agent ${config.agentId})\n`);
} else {
  const http = await startMcpHttp(() => createBatonMcpServer(baton, config.agentId), { host: config.host, port: config.port, token: config.httpToken });
  process.stderr.write(`Baton MCP server listening on ${http.url} (relay ${config.relayUrl}, agent ${config.agentId})\n`);
  const stop = () => void http.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
