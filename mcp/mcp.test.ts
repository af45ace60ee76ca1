import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createBatonClient } from '../sdk/src/index.js';
import { BACKENDS, warnIfPostgresSkipped } from '../server/test/backends.js';
import { waitFor } from '../server/test/harness.js';
import { useZendeskWorld } from '../server/test/zendesk-world.js';
import { startMcpHttp } from './http.js';
import { instructionsUri } from './instructions.js';
import { createBatonMcpServer } from './server.js';

warnIfPostgresSkipped('mcp.test.ts');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HTTP_TOKEN = 'mcp-test-token-0123456789';

const handoffArgs = (conversationId: string) => ({
  conversationId,
  endUser: { id: 'u-mcp', name: 'Mo Customer', locale: 'en' },
  transcript: [
    { id: 't1', role: 'user', text: 'My parcel is lost', createdAt: '2026-12-01T10:00:00Z' },
    { id: 't2', role: 'user', text: 'I want a person', createdAt: '2026-12-01T10:00:10Z' },
  ],
  reason: { code: 'customer_request', text: 'Asked for a person' },
  summary: 'Lost parcel; customer wants a person.',
});

type Structured = Record<string, any>;
const structured = (r: unknown) => (r as CallToolResult).structuredContent as Structured;

/** The MCP server as clients run it, driven by the MCP SDK's own client against a real relay. */
describe.each(BACKENDS)('the Baton MCP server against a relay on %s', (backend) => {
  const w = useZendeskWorld(backend);
  /** An MCP client talking to this relay's MCP server in process (no HTTP between them). */
  const connectInMemory = async () => {
    const baton = createBatonClient({ apiKey: w.t.apiKey, baseUrl: w.t.url });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createBatonMcpServer(baton, w.t.agentId).connect(serverSide);
    const client = new Client({ name: 'baton-test', version: '1.0.0' });
    await client.connect(clientSide);
    return { client, baton };
  };

  it('over stdio: lists the tools and instructions, hands off, relays the human reply, and reports relay errors as tool errors', async () => {
    const client = new Client({ name: 'baton-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'mcp/main.ts'],
      cwd: ROOT,
      env: { ...getDefaultEnvironment(), BATON_API_KEY: w.t.apiKey, BATON_URL: w.t.url, BATON_AGENT_ID: w.t.agentId },
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((x) => x.name).sort()).toEqual(['end_conversation', 'get_handoff_status', 'handoff_to_human', 'send_customer_message']);
      const handoffTool = tools.find((x) => x.name === 'handoff_to_human')!;
      expect(Object.keys(handoffTool.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['conversationId', 'transcript', 'reason', 'summary']));

      const resource = await client.readResource({ uri: instructionsUri(w.t.agentId) });
      expect(String((resource.contents[0] as { text?: string } | undefined)?.text)).toMatch(/human|person/i);
      const prompt = await client.getPrompt({ name: 'when_to_hand_off' });
      expect(JSON.stringify(prompt.messages)).toMatch(/handoff_to_human/);

      const conversationId = `mcp-${Date.now()}`;
      const started = await client.callTool({ name: 'handoff_to_human', arguments: handoffArgs(conversationId) });
      expect(started.isError).toBeFalsy();
      const sessionId = structured(started).session.id as string;
      expect(structured(started)).toMatchObject({ created: true, session: { conversationId, reason: { code: 'customer_request' } } });

      const status = () => client.callTool({ name: 'get_handoff_status', arguments: { sessionId } }).then(structured);
      const ticketId = (await waitFor('the ticket', async () => (await status()).ticket?.id as string | undefined, 20_000));
      // No webhooks here: the status carries the handoff message the customer is to be shown (the relay's default).
      expect((await waitFor('the handoff message', async () => (await status()).handoffMessage as string | null, 20_000))).toMatch(/connecting you/);
      const forwarded = await client.callTool({ name: 'send_customer_message', arguments: { sessionId, message: { text: 'Any news?' } } });
      expect(structured(forwarded)).toMatchObject({ duplicate: false, message: { role: 'user', text: 'Any news?' } });

      await w.z.agentReply(Number(ticketId), { body: 'Hello Mo, I found your parcel.', public: true, agentName: 'Sam Support' });
      const withReply = await waitFor('the reply', async () => {
        const s = await status();
        return s.replies.length > 0 && s;
      }, 20_000);
      expect(withReply).toMatchObject({ state: 'human', replies: [{ role: 'agent', text: expect.stringContaining('found your parcel') }] });
      const after = await client.callTool({ name: 'get_handoff_status', arguments: { sessionId, afterSeq: withReply.replies[0].seq } });
      expect(structured(after).replies).toEqual([]);

      // The relay's own code reaches the model as a tool error.
      const refused = await client.callTool({ name: 'send_customer_message', arguments: { sessionId, message: { role: 'assistant', text: 'I can help!' } } });
      expect(refused.isError).toBe(true);
      expect(structured(refused).error).toMatchObject({ code: 'human_owns_session', status: 409 });

      const ended = await client.callTool({ name: 'end_conversation', arguments: { sessionId, reason: 'customer left' } });
      expect(structured(ended).session.state).toBe('ended');
      const missing = await client.callTool({ name: 'get_handoff_status', arguments: { sessionId: 'ses_missing' } });
      expect(missing.isError).toBe(true);
      expect(structured(missing).error.code).toBe('session_not_found');

      // The relay's schema judges the input before any call: a reason code the relay does not know is refused.
      const invalid = await client.callTool({ name: 'handoff_to_human', arguments: { ...handoffArgs(`${conversationId}-x`), reason: { code: 'boredom' } } });
      expect(invalid.isError).toBe(true);
      expect(JSON.stringify(invalid.content)).toMatch(/reason/);
      expect((await createBatonClient({ apiKey: w.t.apiKey, baseUrl: w.t.url }).sessions.list({ conversationId: `${conversationId}-x` })).sessions).toEqual([]);
    } finally {
      await client.close();
    }
  }, 90_000); // a child process, a ticket and a reply on a busy machine

  it('over Streamable HTTP: needs the token, then hands off like stdio', async () => {
    const baton = createBatonClient({ apiKey: w.t.apiKey, baseUrl: w.t.url });
    const http = await startMcpHttp(() => createBatonMcpServer(baton, w.t.agentId), { host: '127.0.0.1', port: 0, token: HTTP_TOKEN });
    try {
      // A page on a rebound domain reaches 127.0.0.1 with its own Host header (fetch may not set Host: node:http does).
      const rebound = await new Promise<number>((resolve, reject) => {
        const req = request(http.url, {
          method: 'POST',
          headers: { host: 'evil.example', authorization: `Bearer ${HTTP_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        req.on('error', reject);
        req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
      });
      expect(rebound).toBe(403);
      const stranger = new Client({ name: 'stranger', version: '1.0.0' });
      await expect(stranger.connect(new StreamableHTTPClientTransport(new URL(http.url)))).rejects.toThrow(/401|unauthorized/i);

      const client = new Client({ name: 'baton-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }));
      const conversationId = `mcp-http-${Date.now()}`;
      const started = await client.callTool({ name: 'handoff_to_human', arguments: handoffArgs(conversationId) });
      expect(structured(started)).toMatchObject({ created: true, session: { conversationId } });
      const again = await client.callTool({ name: 'handoff_to_human', arguments: handoffArgs(conversationId) });
      expect(structured(again)).toMatchObject({ created: false, session: { id: structured(started).session.id } });
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(4);
      await client.close();
    } finally {
      await http.close();
    }
  });

  it("get_handoff_status replies are the agents' Zendesk replies only, not agent lines of the platform's transcript", async () => {
    // A re-escalated conversation's transcript carries the earlier human's words (role agent): the customer saw them.
    const { client, baton } = await connectInMemory();
    try {
      const args = handoffArgs(`mcp-history-${Date.now()}`);
      const earlier = { id: 't0', role: 'agent', text: 'Earlier: Sam here, your refund is on its way.', createdAt: '2026-12-01T09:00:00Z', authorName: 'Sam' };
      const started = await client.callTool({ name: 'handoff_to_human', arguments: { ...args, transcript: [earlier, ...args.transcript] } });
      const sessionId = structured(started).session.id as string;
      const status = () => client.callTool({ name: 'get_handoff_status', arguments: { sessionId } }).then(structured);
      expect((await status()).replies).toEqual([]);
      const ticketId = await waitFor('the ticket', async () => (await status()).ticket?.id as string | undefined, 20_000);
      await w.z.agentReply(Number(ticketId), { body: 'Hello Mo, Kim here today.', public: true, agentName: 'Kim' });
      const replies = await waitFor('the reply', async () => {
        const r = (await status()).replies as Array<{ text: string }>;
        return r.length > 0 && r;
      }, 20_000);
      expect(replies.map((r) => r.text)).toEqual([expect.stringContaining('Kim here')]);
    } finally {
      await client.close();
    }
  }, 60_000);

  it("answers a resource or prompt read the relay refuses with the relay's code", async () => {
    // An agent id that is not the key's (a BATON_AGENT_ID typo): the relay answers 404 agent_not_found.
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createBatonMcpServer(createBatonClient({ apiKey: w.t.apiKey, baseUrl: w.t.url }), 'agt_typo').connect(serverSide);
    const client = new Client({ name: 'baton-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const resource = await client.readResource({ uri: instructionsUri('agt_typo') }).catch((e: unknown) => e);
      expect(resource).toMatchObject({ message: expect.stringContaining('agent_not_found: '), data: { error: { code: 'agent_not_found', status: 404 } } });
      const prompt = await client.getPrompt({ name: 'when_to_hand_off' }).catch((e: unknown) => e);
      expect(prompt).toMatchObject({ message: expect.stringContaining('agent_not_found: ') });
    } finally {
      await client.close();
    }
  });

  it('tells the model what each field it fills means, in the tool input schemas it is shown', async () => {
    // A model sees only the JSON Schema of a tool's input. Descriptions written with zod-openapi's `.openapi()` reached
    // /openapi.json but not MCP (zod's toJSONSchema does not read them): the model saw `role` as four bare words and
    // `reason.code` as eight, with nothing saying which is the customer or when `policy` applies.
    const { client } = await connectInMemory();
    try {
      const { tools } = await client.listTools();
      const input = (name: string) => tools.find((x) => x.name === name)!.inputSchema as Structured;
      const handoff = input('handoff_to_human').properties;
      for (const field of ['conversationId', 'transcript', 'reason', 'summary', 'handoffMessage', 'priority']) {
        expect(handoff[field].description, field).toEqual(expect.any(String));
      }
      expect(handoff.endUser.properties.id.description).toEqual(expect.any(String));
      const line = handoff.transcript.items.properties;
      expect(line.role.description).toMatch(/user = the end customer/);
      expect(line.id.description).toMatch(/id/);
      const codes = handoff.reason.properties.code;
      for (const code of codes.enum as string[]) expect(codes.description, code).toContain(code);
      expect(codes.description).toMatch(/customer asked for a human/i);
      expect(handoff.signals.properties.sentiment.description).toMatch(/angry/);
      expect(input('send_customer_message').properties.message.properties.role.description).toMatch(/user = the end customer/);
      expect(input('end_conversation').properties.reason.description).toEqual(expect.any(String));
    } finally {
      await client.close();
    }
  });

  it('hands off with a transcript of roles and words only, as a model has it, in order on the ticket', async () => {
    // A model knows what was said, not the platform's message ids or their times: those are filled in, as for
    // send_customer_message. Requiring them made the first handoff_to_human call of a model fail validation.
    const { client, baton } = await connectInMemory();
    try {
      const conversationId = `mcp-bare-${Date.now()}`;
      const transcript = [
        { role: 'user', text: 'My parcel is lost' },
        { role: 'assistant', text: 'I am sorry. Could you give me the order number?' },
        { role: 'user', text: 'I want a person' },
      ];
      const started = await client.callTool({ name: 'handoff_to_human', arguments: { ...handoffArgs(conversationId), transcript } });
      expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
      const sessionId = structured(started).session.id as string;
      const lines = (await baton.sessions.get(sessionId)).session.transcript!;
      expect(lines.map((m) => [m.role, m.text])).toEqual(transcript.map((m) => [m.role, m.text]));
      expect(new Set(lines.map((m) => m.id)).size).toBe(3);
      const ticketId = await waitFor('the ticket', async () => (await baton.sessions.get(sessionId)).session.ticket?.id, 20_000);
      // The agent reads the whole conversation, in its order, on the ticket.
      const note = w.z.ticket(Number(ticketId))!.comments[0]!.body;
      expect(note.indexOf('My parcel is lost')).toBeGreaterThanOrEqual(0);
      expect(note.indexOf('My parcel is lost')).toBeLessThan(note.indexOf('order number'));
      expect(note.indexOf('order number')).toBeLessThan(note.indexOf('I want a person'));
    } finally {
      await client.close();
    }
  }, 60_000);

  it('gives no handoffMessage to tell the customer before the handoff was accepted, nor when it failed', async () => {
    // The tool says handoffMessage is what to tell the customer once the ticket exists. It fell back to the platform's
    // own handoffMessage, so a model polling a pending handoff — or one whose ticket could never be made — told the
    // customer "a person will answer here" when nobody would.
    const { client } = await connectInMemory();
    w.z.faults.failNext(1_000, { status: 500, method: 'POST', pathPrefix: '/api/v2/tickets' });
    try {
      const started = await client.callTool({ name: 'handoff_to_human', arguments: { ...handoffArgs(`mcp-failed-${Date.now()}`), handoffMessage: 'Hang on, a person will answer you here.' } });
      const sessionId = structured(started).session.id as string;
      const status = () => client.callTool({ name: 'get_handoff_status', arguments: { sessionId } }).then(structured);
      const first = await status();
      expect(first.state === 'pending' || first.state === 'failed', first.state).toBe(true);
      expect(first.handoffMessage).toBeNull();
      const failed = await waitFor('the failed handoff', async () => ((await status()).state === 'failed' ? await status() : undefined), 30_000);
      expect(failed.handoffMessage).toBeNull();
    } finally {
      w.z.faults.reset();
      await client.close();
    }
  }, 60_000);

  it('says send_customer_message is not idempotent: without an id, the same words twice are two lines', async () => {
    // A client may repeat a call whose tool says idempotentHint (after a timeout, say); here a repeat is a second line.
    const { client, baton } = await connectInMemory();
    try {
      const tool = (await client.listTools()).tools.find((x) => x.name === 'send_customer_message')!;
      const started = await client.callTool({ name: 'handoff_to_human', arguments: handoffArgs(`mcp-idem-${Date.now()}`) });
      const sessionId = structured(started).session.id as string;
      const args = { sessionId, message: { text: 'Yes' } };
      for (let i = 0; i < 2; i++) expect((await client.callTool({ name: 'send_customer_message', arguments: args })).isError).toBeFalsy();
      const withId = { sessionId, message: { id: 'cust-1', text: 'Order 88213' } };
      for (let i = 0; i < 2; i++) expect((await client.callTool({ name: 'send_customer_message', arguments: withId })).isError).toBeFalsy();
      const texts = (await baton.sessions.get(sessionId)).session.transcript!.map((m) => m.text);
      expect(texts.filter((t) => t === 'Yes')).toHaveLength(2);
      expect(texts.filter((t) => t === 'Order 88213')).toHaveLength(1);
      expect(tool.annotations?.idempotentHint).toBe(false);
      expect(tool.description).toMatch(/\bid\b/);
    } finally {
      await client.close();
    }
  });
});
