/**
 * MCP over Streamable HTTP, stateless: every POST /mcp gets a fresh server and transport, so nothing
 * is kept between requests and any number of clients (or relay-side restarts) cost nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';

export interface McpHttpOptions {
  host: string;
  port: number;
  /** When set, requests need `Authorization: Bearer <token>`. */
  token: string | undefined;
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const jsonRpcError = (message: string) => ({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startMcpHttp(createServer: () => McpServer, options: McpHttpOptions) {
  const app = new Hono();
  // Bound to loopback, the Host header must name loopback too: a web page whose domain was rebound to
  // 127.0.0.1 (DNS rebinding) sends its own Host and is refused.
  let allowedHosts: string[] | undefined;
  app.use('/mcp', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    if (options.token !== undefined && !sameSecret(header.replace(/^Bearer\s+/i, ''), options.token)) {
      return c.json(jsonRpcError('unauthorized: send Authorization: Bearer <MCP_HTTP_TOKEN>'), 401);
    }
    await next();
  });
  app.post('/mcp', async (c) => {
    const server = createServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      ...(allowedHosts ? { enableDnsRebindingProtection: true, allowedHosts } : {}),
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      // With JSON responses the answer is complete here; closing frees the per-request server.
      await server.close();
    }
  });
  // Stateless: no server-initiated stream (GET) and no session to delete (DELETE).
  app.on(['GET', 'DELETE'], '/mcp', (c) => c.json(jsonRpcError('Method not allowed (stateless server).'), 405));

  const httpServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  if (LOOPBACK.has(options.host)) allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return {
    url: `http://${host}:${port}/mcp`,
    close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}
