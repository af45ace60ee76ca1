/**
 * `npm run dev`: the whole loop on one machine. Starts the Zendesk emulator, the relay (embedded
 * database in .baton-dev, fresh each run), connects and provisions the tenant, and serves the agent
 * workspace (the app in a ZAF host) plus a customer chat page that stands for the AI platform.
 * The platform side talks to the relay only through the SDK (sdk/), as a real platform would.
 * `npm run dev -- --mcp` (or DEV_MCP=1) also serves the MCP server over Streamable HTTP.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { loadConfig } from '../server/config.js';
import { connectZendesk, createAgent, createApiKey, createTenant, provisionTenantZendesk, rotateAppSecret } from '../server/relay/admin.js';
import { startRelay } from '../server/runtime.js';
import { startZendeskEmulator } from '../server/zendesk-emu/index.js';
import { createBatonClient, type BatonEvent, type TranscriptMessage } from '../sdk/src/index.js';
import { startMcpHttp } from '../mcp/http.js';
import { batonClientFor, createBatonMcpServer } from '../mcp/server.js';
import { startWorkspace } from './workspace.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const RELAY_PORT = 8787;
const body = (req: IncomingMessage) => new Promise<Record<string, unknown>>((resolve) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {}));
});

const emulator = await startZendeskEmulator({ port: 4580 });
emulator.addApiToken('admin@acme.test', 'dev-token');
// Admins sign in through this client before they change the rules (POST /_emulator/sign_in {"role":"agent"} to try as an agent).
emulator.addOAuthClient({ id: 'baton-dev', secret: 'baton-dev-secret' });
rmSync('.baton-dev', { recursive: true, force: true });
const relay = await startRelay(loadConfig({ PORT: String(RELAY_PORT), DATA_DIR: '.baton-dev', LOG_LEVEL: 'warn', RECONCILE_INTERVAL_MS: '5000', TICKET_UPDATE_SPACING_MS: '2000', ZENDESK_CLIENT_ID: 'baton-dev', ZENDESK_CLIENT_SECRET: 'baton-dev-secret', ZENDESK_URL_TEMPLATE: emulator.baseUrl }));

const tenant = await createTenant(relay.db, { name: 'Acme (dev)' });
const agent = await createAgent(relay.db, relay.masterKey, { tenantId: tenant.id, name: 'Shop assistant', callbackUrl: 'http://127.0.0.1:4591/hooks' });
const { apiKey } = await createApiKey(relay.db, { agentId: agent.agentId });
const baton = createBatonClient({ apiKey, baseUrl: relay.url, webhookSecret: agent.webhookSecret });

// The AI platform's webhook endpoint, verified by the SDK: the chat page polls what arrived.
const events: BatonEvent[] = [];
const hooks = createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8'); // decodes across chunks: a character may straddle two
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    try {
      events.push(baton.verifyWebhook(raw, req.headers));
      res.writeHead(204).end();
    } catch (e) {
      process.stderr.write(`refused a webhook: ${String(e)}\n`);
      res.writeHead(400).end();
    }
  });
});
await new Promise<void>((r) => hooks.listen(4591, '127.0.0.1', r));
await connectZendesk(relay.db, relay.masterKey, tenant.id, { baseUrl: emulator.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
await provisionTenantZendesk(relay.db, relay.masterKey, tenant.id, relay.url);
const appSecret = await rotateAppSecret(relay.db, relay.masterKey, tenant.id);

const conversationId = `dev-${randomUUID().slice(0, 8)}`;
const transcript: TranscriptMessage[] = [];
let sessionId: string | undefined;
let ticketId: string | undefined;

const workspace = await startWorkspace({
  sharedSecret: appSecret,
  port: 4590,
  extraRoutes(req, res, url) {
    const reply = (data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    if (url.pathname === '/chat') return res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(import.meta.dirname, 'chat.html'))), true;
    if (url.pathname === '/chat/events') return reply(events), true;
    if (url.pathname === '/agent/available') return reply({ ok: true }), true;
    if (url.pathname === '/chat/say' && req.method === 'POST') {
      void body(req).then(async ({ text }) => {
        const message: TranscriptMessage = { id: randomUUID(), role: 'user', text: String(text), createdAt: new Date().toISOString() };
        const state = sessionId ? (await baton.sessions.get(sessionId)).session.state : undefined;
        if (sessionId && (state === 'pending' || state === 'waiting' || state === 'human')) {
          await baton.sessions.postMessage(sessionId, message);
          return reply({});
        }
        transcript.push(message);
        // The SDK adds the Idempotency-Key that starting a handoff needs.
        const decision = await baton.conversations.evaluate(conversationId, {
          turn: { text: message.text, language: 'en' },
          startHandoff: { endUser: { id: 'dev-customer', name: 'Dana Customer', email: 'dana@example.com', locale: 'en' }, transcript, summary: `Customer said: ${message.text}` },
        });
        if (!decision.session) {
          const bot: TranscriptMessage = { id: randomUUID(), role: 'assistant', text: 'I can help with orders and returns. (Ask for a person to try the handoff.)', createdAt: new Date().toISOString() };
          transcript.push(bot);
          return reply({ bot: bot.text });
        }
        sessionId = (decision.session as { id: string }).id;
        ticketId = undefined;
        // handoff.accepted (verified above) says the ticket exists; a bounded wait keeps the page from hanging.
        for (let i = 0; i < 100 && !ticketId; i++) {
          const accepted = events.find((e) => e.type === 'handoff.accepted' && e.data.sessionId === sessionId);
          if (accepted?.type === 'handoff.accepted') ticketId = accepted.data.ticketId;
          else await new Promise((r) => setTimeout(r, 50));
        }
        reply({ ticketId, tenant: tenant.id, relay: relay.url });
      });
      return true;
    }
    if ((url.pathname === '/agent/reply' || url.pathname === '/agent/solve') && req.method === 'POST') {
      void body(req).then(async (b) => {
        const id = Number(b.ticketId);
        if (url.pathname === '/agent/reply') await emulator.agentReply(id, { body: String(b.body ?? ''), public: true, agentName: 'Alex Agent' });
        else await emulator.setStatus(id, 'solved');
        reply({});
      });
      return true;
    }
    return false;
  },
});

// The same platform, as an MCP server: point an MCP client (an agent framework, an IDE) at it. Its SDK client has the
// MCP server's retry budget, as `npm run mcp` does, so a tool call ends before the MCP client gives up on it.
const mcp = process.argv.includes('--mcp') || process.env.DEV_MCP === '1'
  ? await startMcpHttp(() => createBatonMcpServer(batonClientFor({ apiKey, relayUrl: relay.url }), agent.agentId), { host: '127.0.0.1', port: 4593, token: undefined })
  : undefined;
// A second, fresh installation of the app (only its Relay URL set) to try Connect Baton: it finds the dev tenant
// (connected to this emulator) and re-connects it, then fills the installation's settings.
const fresh = emulator.installApp({ settings: { relay_url: relay.url } });
const onboarding = await startWorkspace({ port: 4592, installation: () => emulator.installation(fresh.id) });

process.stdout.write(
  `\nBaton dev loop is running:\n` +
    `  1. Customer chat (the AI platform): ${workspace.url}/chat   — ask for a person\n` +
    `  2. Follow the link to the agent workspace, reply as the agent, then solve the ticket\n` +
    `  3. Insights and rules (the app's nav_bar page): ${workspace.url}/?location=nav_bar&ticket=0&tenant=${tenant.id}&relay=${encodeURIComponent(relay.url)}\n` +
    `  4. Connect Baton on a fresh installation: ${onboarding.url}/?location=nav_bar&installation=1&subdomain=acme&ticket=0\n` +
    `  Relay ${relay.url} (docs ${relay.url}/docs) · Zendesk emulator ${emulator.baseUrl} · API key ${apiKey} · agent ${agent.agentId}\n` +
    (mcp
      ? `  MCP server (Streamable HTTP) ${mcp.url} — or over stdio: BATON_API_KEY=${apiKey} BATON_URL=${relay.url} BATON_AGENT_ID=${agent.agentId} npm run mcp\n\n`
      : `  Add --mcp (npm run dev -- --mcp) to serve the MCP server too.\n\n`),
);
