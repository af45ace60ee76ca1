import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { json, notFound, type EmuRequest, type Reply } from './http.js';
import type { EmuCondition, EmuState, EmuTicket, EmuTrigger, EmuUser, EmuWebhook } from './state.js';
import type { FaultInjector } from './faults.js';
import type { ChangeContext } from './tickets.js';
import { ticketEventBodies } from './ticket-events.js';

/** Zendesk retries little (reference/zendesk-api.md §3.3): 409 up to 3 times, 429/503 only with a short Retry-After. */
export const WEBHOOK_MAX_RETRIES = 3;
export const WEBHOOK_TIMEOUT_MS = 12_000;

// Kept-alive connections, as Zendesk's senders keep them. node:http rather than fetch: on the benches the
// emulator shares two cores with the relay, and fetch cost it about twice the CPU per webhook.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** One HTTP request to a webhook endpoint: its status and Retry-After (the body is read and dropped). */
function post(endpoint: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; retryAfter: number }> {
  const url = new URL(endpoint);
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: https ? httpsAgent : httpAgent, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 'NaN') }));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface WebhookDelivery {
  webhookId: string;
  url: string;
  status: number | 'dropped' | 'error';
  body: string;
  headers: Record<string, string>;
}

function matches(c: EmuCondition, t: EmuTicket, ctx: ChangeContext): boolean {
  const v = String(c.value);
  switch (c.field) {
    case 'update_type':
      return (ctx.updateType === v) === (c.operator === 'is');
    case 'comment_is_public': {
      const isPublic = ctx.comment?.public === true;
      const want = v === 'true' || v === 'public';
      return c.operator === 'is' ? ctx.comment !== undefined && isPublic === want : !(ctx.comment !== undefined && isPublic === want);
    }
    case 'current_tags': {
      const has = v.split(/\s+/).some((tag) => t.tags.includes(tag));
      return c.operator === 'includes' ? has : !has;
    }
    case 'role': {
      const role = ctx.updater.role === 'end-user' ? 'end_user' : ctx.updater.role;
      return (role === v) === (c.operator === 'is');
    }
    case 'current_via_id':
      return (String(ctx.viaId) === v) === (c.operator === 'is');
    case 'status':
      switch (c.operator) {
        case 'is':
          return t.status === v;
        case 'is_not':
          return t.status !== v;
        case 'changed':
          return ctx.previousStatus !== t.status;
        case 'not_changed':
          return ctx.previousStatus === t.status;
        case 'value':
          return ctx.previousStatus !== t.status && t.status === v;
        case 'not_value':
          return t.status !== v;
        case 'value_previous':
          return ctx.previousStatus !== t.status && ctx.previousStatus === v;
        case 'not_value_previous':
          return ctx.previousStatus !== v;
        default:
          return false;
      }
    default:
      return false;
  }
}

function render(template: string, t: EmuTicket, ctx: ChangeContext): string {
  const values: Record<string, string> = {
    'ticket.id': String(t.id),
    'ticket.status': t.status,
    'ticket.external_id': t.external_id ?? '',
    'ticket.latest_comment.id': String(t.comments.at(-1)?.id ?? ''),
    'ticket.updated_at_with_timestamp': t.updated_at,
    'current_user.id': String(ctx.updater.id),
    'current_user.role': ctx.updater.role,
    'current_user.name': ctx.updater.name,
  };
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => values[key] ?? '');
}

type WebhookFaults = Pick<FaultInjector, 'takeLostWebhook' | 'takeDuplicateWebhook' | 'takeHeldWebhook' | 'releaseHeldWebhooks'>;

export function createWebhooks(state: EmuState, faults: WebhookFaults, options: { eventSubscriptions?: boolean } = {}) {
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  /** One invocation, as the faults shape it: lost, held back (late, out of order) or sent twice. */
  async function invoke(hook: EmuWebhook, body: string): Promise<void> {
    if (faults.takeLostWebhook()) {
      deliveries.push({ webhookId: hook.id, url: hook.endpoint, status: 'dropped', body, headers: signedHeaders(hook, body) });
      return;
    }
    const hold = faults.takeHeldWebhook();
    const twice = faults.takeDuplicateWebhook();
    try {
      await hold?.gate;
      // Signed when sent, as Zendesk does: a held webhook carries its late timestamp.
      const headers = signedHeaders(hook, body);
      await deliver(hook, body, headers);
      if (twice) await deliver(hook, body, headers);
    } finally {
      hold?.delivered();
    }
  }

  function signedHeaders(hook: EmuWebhook, body: string): Record<string, string> {
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-zendesk-account-id': '22129848',
      'x-zendesk-webhook-id': hook.id,
      'x-zendesk-webhook-invocation-id': randomUUID(),
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': createHmac('sha256', hook.signingSecret).update(timestamp + body).digest('base64'),
    };
    const auth = hook.authentication;
    if (auth?.type === 'bearer_token') headers.authorization = `Bearer ${auth.data?.token ?? ''}`;
    if (auth?.type === 'basic_auth') headers.authorization = `Basic ${Buffer.from(`${auth.data?.username}:${auth.data?.password}`).toString('base64')}`;
    if (auth?.type === 'api_key' && auth.data?.name) headers[auth.data.name.toLowerCase()] = auth.data.value ?? '';
    return headers;
  }

  async function deliver(hook: EmuWebhook, body: string, headers: Record<string, string>): Promise<void> {
    for (let attempt = 0; attempt <= WEBHOOK_MAX_RETRIES; attempt++) {
      try {
        const res = await post(hook.endpoint, hook.http_method, headers, body);
        deliveries.push({ webhookId: hook.id, url: hook.endpoint, status: res.status, body, headers });
        const retryAfter = res.retryAfter;
        const retry = res.status === 409 || ((res.status === 429 || res.status === 503) && retryAfter < 60);
        if (!retry) return;
        await new Promise((r) => setTimeout(r, Math.min(1000, (retryAfter || 0.1) * 1000)));
      } catch {
        deliveries.push({ webhookId: hook.id, url: hook.endpoint, status: 'error', body, headers });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  function send(hook: EmuWebhook, body: string): void {
    const p = invoke(hook, body).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  /**
   * Event-subscription webhooks (`zen:event-type:*`) hear every ticket of the account, with no trigger and a
   * fixed payload (developer.zendesk.com/api-reference/webhooks/event-types/ticket-events): one request per
   * event, each signed like any webhook request. A change that adds a comment and moves the status sends two.
   */
  function emitEvents(t: EmuTicket, ctx: ChangeContext): void {
    const hooks = [...state.webhooks.values()].filter((h) => h.status === 'active' && h.subscriptions.some((x) => x.startsWith('zen:event-type:')));
    if (hooks.length === 0) return;
    for (const { type, body } of ticketEventBodies(t, ctx, (id) => state.users.get(id))) {
      for (const hook of hooks) if (hook.subscriptions.includes(type)) send(hook, body);
    }
  }

  return {
    deliveries,
    /** An agent deleted the ticket: its `ticket.soft_deleted` event goes out; no trigger runs for a deletion. */
    deleted(t: EmuTicket, updater: EmuUser): void {
      emitEvents(t, { updateType: 'Change', updater, viaId: 0, previousStatus: null, deleted: true });
    },
    /** Runs the active triggers in position order after a ticket change, as Zendesk does, and sends its events. */
    fire(t: EmuTicket, ctx: ChangeContext): void {
      emitEvents(t, ctx);
      const active = [...state.triggers.values()].filter((tr) => tr.active).sort((a, b) => a.position - b.position);
      for (const trigger of active) {
        const { all, any } = trigger.conditions;
        if (!all.every((c) => matches(c, t, ctx)) || (any.length > 0 && !any.some((c) => matches(c, t, ctx)))) continue;
        for (const action of trigger.actions) {
          if (action.field !== 'notification_webhook' || !Array.isArray(action.value)) continue;
          const hook = state.webhooks.get(String(action.value[0]));
          if (!hook || hook.status !== 'active') continue;
          send(hook, render(String(action.value[1] ?? ''), t, ctx));
        }
      }
    },
    /** Waits for every webhook fired so far; held ones are released first (a delay ends). */
    async settle() {
      while (inFlight.size > 0) {
        await faults.releaseHeldWebhooks();
        await Promise.allSettled([...inFlight]);
      }
    },

    route(req: EmuRequest, parts: string[]): Reply {
      const [, , resource, id, sub] = parts; // api, v2, webhooks|triggers, id?, sub?
      const body = (req.json ?? {}) as Record<string, Record<string, unknown>>;
      if (resource === 'webhooks') {
        if (!id && req.method === 'GET') return json(200, { webhooks: [...state.webhooks.values()].map(publicHook), meta: { has_more: false } });
        if (!id && req.method === 'POST') {
          const w = body.webhook ?? {};
          if (typeof w.endpoint !== 'string' || typeof w.name !== 'string') return json(400, { errors: [{ code: 'InvalidInput', title: 'name and endpoint are required' }] });
          // Connection methods are exclusive and fixed at creation; event subscriptions are POST + JSON only
          // (developer.zendesk.com/documentation/webhooks/creating-and-monitoring-webhooks, reference §3.1).
          const subs = Array.isArray(w.subscriptions) ? (w.subscriptions as unknown[]).map(String) : ['conditional_ticket_events'];
          const events = subs.filter((x) => x.startsWith('zen:event-type:'));
          if (events.length > 0 && (events.length !== subs.length || String(w.http_method ?? 'POST') !== 'POST' || String(w.request_format ?? 'json') !== 'json')) {
            return json(400, { errors: [{ code: 'InvalidInput', title: 'Event subscriptions cannot be combined with other connection methods and must use POST with JSON' }] });
          }
          if (events.length > 0 && options.eventSubscriptions === false) {
            return json(400, { errors: [{ code: 'InvalidInput', title: 'Event subscriptions are not available on this account' }] });
          }
          const hook: EmuWebhook = {
            id: `01${randomBytes(12).toString('hex').toUpperCase()}`,
            name: w.name,
            status: String(w.status ?? 'active'),
            endpoint: w.endpoint,
            http_method: String(w.http_method ?? 'POST'),
            request_format: String(w.request_format ?? 'json'),
            subscriptions: subs,
            ...(w.authentication ? { authentication: w.authentication as EmuWebhook['authentication'] } : {}),
            signingSecret: randomBytes(24).toString('base64'),
          };
          state.webhooks.set(hook.id, hook);
          return json(201, { webhook: publicHook(hook) });
        }
        const hook = id ? state.webhooks.get(id) : undefined;
        if (!hook) return notFound();
        if (sub === 'signing_secret') return json(200, { signing_secret: { algorithm: 'SHA256', secret: hook.signingSecret } });
        if (req.method === 'GET') return json(200, { webhook: publicHook(hook) });
        if (req.method === 'PATCH' || req.method === 'PUT') {
          const w = body.webhook ?? {};
          if (typeof w.endpoint === 'string') hook.endpoint = w.endpoint;
          if (typeof w.status === 'string') hook.status = w.status;
          if (w.authentication && typeof w.authentication === 'object') hook.authentication = w.authentication as EmuWebhook['authentication'];
          // Subscriptions may change within the connection method: an event webhook stays events only.
          const subs = Array.isArray(w.subscriptions) ? (w.subscriptions as unknown[]).map(String) : undefined;
          const events = (list: string[]) => list.length > 0 && list.every((x) => x.startsWith('zen:event-type:'));
          if (subs && (subs.length === 0 || events(subs) !== events(hook.subscriptions))) return json(400, { errors: [{ code: 'InvalidInput', title: 'Subscriptions must keep the connection method' }] });
          if (subs) hook.subscriptions = subs;
          return { status: 204 };
        }
        if (req.method === 'DELETE') return state.webhooks.delete(hook.id), { status: 204 };
      }
      if (resource === 'triggers') {
        if (!id && req.method === 'GET') return json(200, { triggers: [...state.triggers.values()], meta: { has_more: false } });
        const t = body.trigger ?? {};
        const valid = t.title && t.conditions && Array.isArray(t.actions);
        if (!id && req.method === 'POST') {
          if (!valid) return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'title, conditions and actions are required' }] } });
          const trigger: EmuTrigger = {
            id: state.id(),
            title: String(t.title),
            active: t.active !== false,
            position: state.triggers.size + 1,
            conditions: { all: [], any: [], ...(t.conditions as object) },
            actions: t.actions as EmuTrigger['actions'],
          };
          state.triggers.set(trigger.id, trigger);
          return json(201, { trigger });
        }
        const trigger = id ? state.triggers.get(Number(id)) : undefined;
        if (!trigger) return notFound();
        if (req.method === 'GET') return json(200, { trigger });
        if (req.method === 'PUT') {
          // PUT replaces conditions and actions together (reference §4).
          if (t.conditions) trigger.conditions = { all: [], any: [], ...(t.conditions as object) };
          if (t.actions) trigger.actions = t.actions as EmuTrigger['actions'];
          if (t.title) trigger.title = String(t.title);
          if (t.active !== undefined) trigger.active = Boolean(t.active);
          return json(200, { trigger });
        }
        if (req.method === 'DELETE') return state.triggers.delete(trigger.id), { status: 204 };
      }
      return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
    },
  };
}

const publicHook = ({ signingSecret: _s, authentication, ...rest }: EmuWebhook) => ({
  ...rest,
  ...(authentication ? { authentication: { type: authentication.type, add_position: authentication.add_position } } : {}),
});
