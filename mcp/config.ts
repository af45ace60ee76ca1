import { z } from 'zod';

/**
 * An empty (or blank) variable is unset, as for the relay (server/config.ts): `MCP_PORT=` in a desktop client's `env`
 * or a compose file means the default. z.coerce.number() read it as 0 (any free port, where no client looks), and
 * `MCP_HOST=` listened on every interface.
 */
const variable = <T extends z.ZodType>(schema: T) => z.preprocess((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

/** The MCP server's whole configuration, parsed once from the environment (and `--http`). */
const EnvSchema = z.object({
  BATON_API_KEY: variable(z.string().regex(/^bk_/, 'a Baton API key (bk_…) from `npm run baton -- key:create`')),
  BATON_URL: variable(z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8787')),
  BATON_AGENT_ID: variable(z.string().min(1, 'the AI agent id (agt_…) the key belongs to, for its handoff instructions')),
  MCP_TRANSPORT: variable(z.enum(['stdio', 'http']).default('stdio')),
  MCP_HOST: variable(z.string().default('127.0.0.1')),
  // Digits only: `1e3` or `0x50` is a typo to stop on, not a port.
  MCP_PORT: variable(z.string().trim().regex(/^\d+$/, 'must be a whole number (digits only)').transform(Number).pipe(z.number().max(65_535)).default(8788)),
  /** When set, HTTP clients must send `Authorization: Bearer <token>`; required when not bound to loopback. */
  MCP_HTTP_TOKEN: variable(z.string().min(16).optional()),
});

export type McpConfig = Readonly<{
  apiKey: string;
  relayUrl: string;
  agentId: string;
  transport: 'stdio' | 'http';
  host: string;
  port: number;
  httpToken: string | undefined;
}>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function loadMcpConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): McpConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`MCP server configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const transport = argv.includes('--http') ? 'http' : e.MCP_TRANSPORT;
  // Anyone who reaches the port can hand off as this AI agent: off loopback, a token is a must.
  if (transport === 'http' && !LOOPBACK.has(e.MCP_HOST) && !e.MCP_HTTP_TOKEN) {
    throw new Error('MCP server configuration: MCP_HTTP_TOKEN is required when MCP_HOST is not a loopback address.');
  }
  return Object.freeze({
    apiKey: e.BATON_API_KEY,
    relayUrl: e.BATON_URL,
    agentId: e.BATON_AGENT_ID,
    transport,
    host: e.MCP_HOST,
    port: e.MCP_PORT,
    httpToken: e.MCP_HTTP_TOKEN,
  });
}
