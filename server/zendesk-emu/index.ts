import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createApps, type EmuInstallation } from './apps.js';
import { createAuth, hasScope } from './auth.js';
import { createFaults, type FaultInjector } from './faults.js';
import { json, notFound, readRequest, send, type EmuRequest, type Reply } from './http.js';
import { createState, type EmuTicket, type EmuUser, type TicketStatus } from './state.js';
import { createTickets, ticketJson, VIA_API } from './tickets.js';
import { createMerge } from './merge.js';
import { createSchedules, type EmuSchedules } from './schedules.js';
import { createUploads } from './uploads.js';
import { createWebhooks, type WebhookDelivery } from './webhooks.js';

/**
 * A Zendesk Support account on a local socket, reproducing the documented behaviour the relay relies
 * on (reference/zendesk-api.md): auth and the /users/me trap, OAuth with rotating refresh tokens,
 * idempotent ticket creation, 422 on closed tickets, rate limits with text/plain 429s, webhooks and
 * triggers that fire signed requests when an "agent" works a ticket, and fault injection.
 */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  now?: () => number;
  /** Requests per minute for the account (Zendesk plans: 200-2,500). */
  accountRequestsPerMinute?: number;
  /** Whether the account may create event-subscription webhooks (zen:event-type:*); true by default. */
  eventSubscriptions?: boolean;
}

export type EmulatedTicket = Omit<EmuTicket, 'updatesByUser'>;

export interface ZendeskEmulator {
  baseUrl: string;
  stop(): Promise<void>;
  addApiToken(email: string, token: string): void;
  addOAuthClient(c: { id: string; secret: string; redirectUris?: string[] }): void;
  issueAccessToken(scopes?: string[]): { accessToken: string; refreshToken: string };
  /** Who approves the next OAuth authorizations: the account's admin (default), its agent, or a new user of that role. */
  signIn(who: 'admin' | 'agent' | { role: 'admin' | 'agent' | 'end-user'; name: string }): { id: number; role: string };
  faults: FaultInjector;
  tickets(): EmulatedTicket[];
  ticket(id: number): EmulatedTicket | undefined;
  webhookDeliveries(): WebhookDelivery[];
  agentReply(ticketId: number, input: { body: string; public: boolean; agentName?: string; status?: TicketStatus }): Promise<void>;
  setStatus(ticketId: number, status: TicketStatus): Promise<void>;
  /** An agent makes another end user (found by email, else created) the ticket's requester. */
  setRequester(ticketId: number, user: { name: string; email: string }): Promise<number>;
  /**
   * An agent deletes the ticket (soft delete): the Tickets API answers 404 for it from now on; no trigger fires,
   * but event webhooks subscribed to `ticket.soft_deleted` hear of it.
   */
  deleteTicket(ticketId: number): void;
  /** An agent merges the source tickets into the target (Zendesk's merge: each source closed, a private note on both). */
  mergeTickets(targetId: number, sourceIds: number[]): Promise<void>;
  requestCount(filter?: { method?: string; pathPrefix?: string }): number;
  /** Waits until webhooks fired so far have been delivered (or given up). */
  settleWebhooks(): Promise<void>;
  /** The bytes of an attached file, as an agent would download them. */
  attachmentBytes(attachmentId: number): Buffer | undefined;
  /** An admin installs the app from the Marketplace (or a private upload): its settings as the install form left them. */
  installApp(input: { settings: Record<string, unknown>; secure?: string[] }): EmuInstallation;
  /** An installation with its secure settings: what Zendesk's request proxy reads to sign the app's JWT. */
  installation(id: number): EmuInstallation | undefined;
  /** Business-hours schedules and holidays, as an admin sets them up (schedules.ts). */
  schedules: EmuSchedules;
}

export async function startZendeskEmulator(options: EmulatorOptions = {}): Promise<ZendeskEmulator> {
  const now = options.now ?? Date.now;
  const state = createState(now);
  const faults = createFaults();
  const auth = createAuth(state, now);
  const webhooks = createWebhooks(state, faults, { eventSubscriptions: options.eventSubscriptions ?? true });
  let baseUrl = '';
  const uploads = createUploads(state, now, () => baseUrl);
  const tickets = createTickets(state, now, (t, ctx) => webhooks.fire(t, ctx), uploads.take);
  const log: Array<{ method: string; path: string; at: number }> = [];
  const schedules = createSchedules(now);
  const perMinute = options.accountRequestsPerMinute ?? 700;
  const apps = createApps(state);
  const merge = createMerge(state, tickets);

  function agentUpdate(ticketId: number, input: Record<string, unknown>, agentName?: string): Reply {
    const t = state.tickets.get(ticketId);
    if (!t) return notFound();
    const agent = agentName ? ([...state.users.values()].find((u) => u.name === agentName && u.role !== 'end-user') ?? state.createUser({ name: agentName, email: null, role: 'agent' })) : state.agent;
    return tickets.update(t, input, agent, 'web', 0);
  }

  function deleteTicket(t: EmuTicket, by: EmuUser) {
    state.tickets.delete(t.id);
    state.deletedTickets.set(t.id, { ...t, updated_at: state.iso() });
    webhooks.deleted(t, by);
  }

  async function route(req: EmuRequest): Promise<Reply> {
    const parts = req.path.replace(/\.json$/, '').split('/').filter(Boolean);
    if (req.path === '/oauth/authorizations/new') return auth.authorize(req);
    if (req.path === '/oauth/tokens' && req.method === 'POST') return auth.token(req);
    if (parts[0] === '_emulator') return emulatorRoute(req, parts);
    if (parts[0] !== 'api' || parts[1] !== 'v2') return json(404, { error: 'InvalidEndpoint', description: 'Not found' });

    const principal = auth.authenticate(req);
    // The documented trap: /users/me answers 200 "Anonymous user" to anyone (reference §8).
    if (req.path.startsWith('/api/v2/users/me')) {
      const u = principal?.user;
      return json(200, { user: u ? { id: u.id, name: u.name, email: u.email, role: u.role } : { id: null, name: 'Anonymous user', role: 'end-user' } });
    }
    if (!principal) return json(401, { error: "Couldn't authenticate you" });
    const recent = log.filter((l) => l.at > now() - 60_000).length;
    if (recent > perMinute) return { status: 429, headers: { 'retry-after': '60' }, text: 'Number of allowed API requests per minute exceeded' };
    const resource = parts[2] ?? '';
    const write = req.method !== 'GET';
    const scopeResource = resource === 'incremental' || resource === 'uploads' ? 'tickets' : resource;
    if (!hasScope(principal, scopeResource, write)) return json(403, { error: { title: 'Forbidden', message: `You do not have access to this page. Missing scope ${scopeResource}:${write ? 'write' : 'read'}` } });
    if (req.json === Symbol.for('invalid-json')) return json(400, { error: 'InvalidJSON', description: 'Malformed JSON' });

    if (resource === 'webhooks' || resource === 'triggers') return webhooks.route(req, parts);
    if (resource === 'uploads') return uploads.route(req, parts);
    if (resource === 'apps') return apps.route(req, parts, principal);
    if (resource === 'business_hours') return schedules.route(req, parts);
    if (resource === 'incremental' && parts[3] === 'tickets') return tickets.incremental(req);
    if (resource === 'users' && parts[3]) {
      const u = state.users.get(Number(parts[3]));
      return u ? json(200, { user: u }) : notFound();
    }
    // Requests API: what an end user (or an admin acting for one with X-On-Behalf-Of) uses to reply.
    if (resource === 'requests' && parts[3] && req.method === 'PUT') {
      const t = state.tickets.get(Number(parts[3]));
      const endUser = principal.actingAs ?? principal.user;
      if (!t || endUser.id !== t.requester_id) return notFound();
      const input = ((req.json ?? {}) as { request?: { comment?: Record<string, unknown> } }).request ?? {};
      if (!input.comment) return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { comment: [{ description: 'is required' }] } });
      const reply = tickets.update(t, { comment: { ...input.comment, public: true } }, endUser, 'api', VIA_API);
      return reply.status === 200 ? json(200, { request: { id: t.id, status: t.status } }) : reply;
    }
    if (resource === 'tickets') {
      const id = parts[3];
      if (!id && req.method === 'POST') return tickets.create(req, principal);
      if (!id && req.method === 'GET') {
        const ext = req.query.get('external_id');
        const list = [...state.tickets.values()].filter((t) => ext === null || t.external_id === ext);
        return json(200, { tickets: list.map(ticketJson), count: list.length, next_page: null });
      }
      const t = state.tickets.get(Number(id));
      if (!t) return notFound();
      if (parts[4] === 'comments' && req.method === 'GET') return tickets.comments(t, req);
      if (!parts[4] && req.method === 'GET') return json(200, { ticket: ticketJson(t) });
      if (!parts[4] && req.method === 'DELETE') return deleteTicket(t, principal.user), { status: 204 };
      if (parts[4] === 'merge' && req.method === 'POST') return merge(t, (req.json ?? {}) as Record<string, unknown>, principal.user);
      if (!parts[4] && req.method === 'PUT') {
        const input = ((req.json ?? {}) as { ticket?: Record<string, unknown> }).ticket ?? {};
        const updater = principal.actingAs ?? principal.user;
        return tickets.update(t, input, updater, 'api', VIA_API);
      }
    }
    return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  function emulatorRoute(req: EmuRequest, parts: string[]): Reply {
    const body = (req.json ?? {}) as Record<string, unknown>;
    if (parts[1] === 'tickets' && parts[3] === 'agent_reply') {
      return agentUpdate(Number(parts[2]), { comment: { body: body.body, public: body.public !== false }, ...(body.status ? { status: body.status } : {}) }, body.agent_name as string | undefined);
    }
    if (parts[1] === 'tickets' && parts[3] === 'status') return agentUpdate(Number(parts[2]), { status: body.status });
    if (parts[1] === 'sign_in' && req.method === 'POST') {
      const user = body.role === 'agent' ? state.agent : state.admin;
      auth.signIn(user.id);
      return json(200, { user });
    }
    if (parts[1] === 'faults' && req.method === 'POST') {
      if (body.reset) faults.reset();
      if (typeof body.failNext === 'number') faults.failNext(body.failNext, { status: Number(body.status ?? 500), ...(body.retryAfterSeconds ? { retryAfterSeconds: Number(body.retryAfterSeconds) } : {}), ...(body.pathPrefix ? { pathPrefix: String(body.pathPrefix) } : {}) });
      if (typeof body.latencyMs === 'number') faults.latency(body.latencyMs);
      if (typeof body.dropConnections === 'number') faults.dropConnections(body.dropConnections, body.pathPrefix as string | undefined, body.afterHandling === true);
      if (typeof body.loseWebhooks === 'number') faults.loseWebhooks(body.loseWebhooks);
      return { status: 204 };
    }
    if (parts[1] === 'tickets' && req.method === 'GET') return json(200, { tickets: [...state.tickets.values()].map((t) => ({ ...ticketJson(t), comments: t.comments })) });
    return notFound();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const request = await readRequest(req);
    if (request.path.startsWith('/api/')) log.push({ method: request.method, path: request.path, at: now() });
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (!request.path.startsWith('/_emulator') && faults.takeDrop(request.method, request.path, false)) return void req.socket.destroy();
    const fault = request.path.startsWith('/_emulator') ? undefined : faults.takeFailure(request.method, request.path);
    if (fault) {
      return send(res, fault.status === 429
        ? { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) }, text: 'Number of allowed API requests per minute exceeded' }
        : json(fault.status, { error: 'ServiceUnavailable', description: 'Injected fault' }, fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {}));
    }
    const reply = await route(request);
    if (!request.path.startsWith('/_emulator') && faults.takeDrop(request.method, request.path, true)) return void req.socket.destroy();
    const recent = log.filter((l) => l.at > now() - 60_000).length;
    send(res, { ...reply, headers: { 'x-rate-limit': String(perMinute), 'x-rate-limit-remaining': String(Math.max(0, perMinute - recent)), ...reply.headers } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, json(500, { error: 'InternalError' })));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : 0}`;
  const snapshot = (t: EmuTicket): EmulatedTicket => {
    const { updatesByUser: _u, ...rest } = t;
    return { ...rest, comments: [...t.comments], tags: [...t.tags] };
  };
  const agentCall = async (reply: Reply) => {
    if (reply.status >= 400) throw new Error(`agent action refused: ${reply.status} ${JSON.stringify(reply.body ?? reply.text)}`);
  };

  return {
    baseUrl,
    async stop() {
      await webhooks.settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addApiToken: auth.addApiToken,
    addOAuthClient: auth.addOAuthClient,
    issueAccessToken: auth.issueAccessToken,
    signIn(who) {
      const user = who === 'admin' ? state.admin : who === 'agent' ? state.agent : state.createUser({ name: who.name, email: null, role: who.role });
      auth.signIn(user.id);
      return { id: user.id, role: user.role };
    },
    faults,
    tickets: () => [...state.tickets.values()].map(snapshot),
    ticket: (id) => {
      const t = state.tickets.get(id);
      return t ? snapshot(t) : undefined;
    },
    webhookDeliveries: () => [...webhooks.deliveries],
    agentReply: (ticketId, input) =>
      agentCall(agentUpdate(ticketId, { comment: { body: input.body, public: input.public }, ...(input.status ? { status: input.status } : {}) }, input.agentName)),
    setStatus: (ticketId, status) => agentCall(agentUpdate(ticketId, { status })),
    async setRequester(ticketId, user) {
      const u = state.userByEmail(user.email) ?? state.createUser({ name: user.name, email: user.email, role: 'end-user' });
      await agentCall(agentUpdate(ticketId, { requester_id: u.id }));
      return u.id;
    },
    deleteTicket(ticketId) {
      const t = state.tickets.get(ticketId);
      if (!t) throw new Error(`agent action refused: no ticket ${ticketId}`);
      deleteTicket(t, state.agent);
    },
    mergeTickets: async (targetId, sourceIds) => {
      const target = state.tickets.get(targetId);
      if (!target) throw new Error(`agent action refused: no ticket ${targetId}`);
      await agentCall(merge(target, { ids: sourceIds }, state.agent));
    },
    requestCount: (filter = {}) =>
      log.filter((l) => (!filter.method || l.method === filter.method) && (!filter.pathPrefix || l.path.startsWith(filter.pathPrefix))).length,
    settleWebhooks: async () => {
      await webhooks.settle();
    },
    attachmentBytes: (id) => uploads.bytesOf(id),
    installApp: (input) => apps.install(input),
    installation: (id) => apps.get(id),
    schedules,
  };
}

export { startZendeskEmulator as default };
export type { FaultInjector } from './faults.js';
