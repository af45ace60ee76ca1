import { randomBytes } from 'node:crypto';
import { HelpdeskError } from '../helpdesk/helpdesk.js';
import { authorizationHeader, type ZendeskCredentials } from './credentials.js';
import { BATON_TAG } from './helpdesk.js';
import { zendeskRequest } from './http-client.js';
import { EVENT_SUBSCRIPTIONS } from './ticket-events.js';

/**
 * Makes the tenant's Zendesk call the relay: one trigger-driven webhook (bearer-authenticated) and
 * the triggers that fire it. Idempotent and repairing: everything is found by its name first, a
 * missing piece is recreated, a drifted one is put back; running it twice changes nothing.
 */
export const WEBHOOK_NAME = 'Baton relay';
/** The event-subscription webhook: it carries each comment itself, so an agent reply needs no Zendesk read. */
export const EVENTS_WEBHOOK_NAME = 'Baton relay events';
/** API writes arrive with via_id 5; the relay's own comments must not come back as "agent replies". */
const VIA_API = '5';

export interface TriggerSpec {
  title: string;
  conditions: { all: Array<{ field: string; operator: string; value: string }>; any: never[] };
  body: string;
}

export function triggerSpecs(): TriggerSpec[] {
  const body = (event: string) =>
    JSON.stringify({
      event,
      ticket_id: '{{ticket.id}}',
      // Finds the session even when the webhook outruns the relay recording the new ticket's id.
      external_id: '{{ticket.external_id}}',
      // The comment the trigger fired for: when its comment_added event relayed it already, nothing is read.
      comment_id: '{{ticket.latest_comment.id}}',
      status: '{{ticket.status}}',
      updated_at: '{{ticket.updated_at_with_timestamp}}',
    });
  const onBaton = { field: 'current_tags', operator: 'includes', value: BATON_TAG };
  return [
    {
      title: 'Baton: agent public reply',
      conditions: {
        all: [
          { field: 'update_type', operator: 'is', value: 'Change' },
          { field: 'comment_is_public', operator: 'is', value: 'true' },
          { field: 'role', operator: 'is_not', value: 'end_user' },
          { field: 'current_via_id', operator: 'is_not', value: VIA_API },
          onBaton,
        ],
        any: [],
      },
      body: body('agent_reply'),
    },
    {
      title: 'Baton: ticket solved',
      conditions: { all: [{ field: 'status', operator: 'value', value: 'solved' }, onBaton], any: [] },
      body: body('solved'),
    },
    {
      title: 'Baton: ticket reopened',
      conditions: {
        all: [{ field: 'status', operator: 'value_previous', value: 'solved' }, { field: 'status', operator: 'not_value', value: 'closed' }, onBaton],
        any: [],
      },
      body: body('reopened'),
    },
  ];
}

type Webhook = { id: string; name: string; endpoint: string; status: string; subscriptions?: string[]; authentication?: { type?: string } };
type Trigger = { id: number; title: string; active: boolean; conditions: TriggerSpec['conditions']; actions: Array<{ field: string; value: unknown }> };

export interface ProvisionResult {
  webhookId: string;
  signingSecret: string;
  /** Set when the webhook got a new bearer token (created, or repaired): the relay must store its hash. */
  bearerToken: string | null;
  /** The event webhook's signing secret; null when the account refused event subscriptions (triggers alone then). */
  eventsSigningSecret: string | null;
  created: string[];
  updated: string[];
}

/**
 * `relayHasBearerToken: false` (the relay stores no token hash for this tenant, e.g. the webhook was
 * found rather than created, or set up by hand): a new token is set on the existing webhook, because
 * Zendesk never shows a saved one again and the relay refuses every call without one.
 */
export async function provisionZendesk(
  baseUrl: string,
  credentials: ZendeskCredentials,
  endpoint: string,
  options: { relayHasBearerToken: boolean } = { relayHasBearerToken: false },
): Promise<ProvisionResult> {
  const auth = authorizationHeader(credentials);
  const call = (method: string, path: string, body?: unknown) =>
    zendeskRequest(baseUrl, auth, method, path, body === undefined ? {} : { body }).then((r) => r.body as Record<string, unknown>);
  const created: string[] = [];
  const updated: string[] = [];

  const hooks = ((await call('GET', '/api/v2/webhooks?page[size]=100')).webhooks ?? []) as Webhook[];
  let hook = hooks.find((h) => h.name === WEBHOOK_NAME);
  let bearerToken: string | null = null;
  if (!hook) {
    bearerToken = randomBytes(24).toString('base64url');
    hook = (
      await call('POST', '/api/v2/webhooks', {
        webhook: {
          name: WEBHOOK_NAME,
          status: 'active',
          endpoint,
          http_method: 'POST',
          request_format: 'json',
          subscriptions: ['conditional_ticket_events'],
          authentication: { type: 'bearer_token', add_position: 'header', data: { token: bearerToken } },
        },
      })
    ).webhook as Webhook;
    created.push(`webhook ${hook.id}`);
  } else {
    const needsToken = !options.relayHasBearerToken || hook.authentication?.type !== 'bearer_token';
    if (needsToken) bearerToken = randomBytes(24).toString('base64url');
    if (needsToken || hook.endpoint !== endpoint || hook.status !== 'active') {
      await call('PATCH', `/api/v2/webhooks/${hook.id}`, {
        webhook: {
          endpoint,
          status: 'active',
          ...(bearerToken ? { authentication: { type: 'bearer_token', add_position: 'header', data: { token: bearerToken } } } : {}),
        },
      });
      updated.push(needsToken ? `webhook ${hook.id} (new bearer token)` : `webhook ${hook.id}`);
    }
  }
  const secret = (await call('GET', `/api/v2/webhooks/${hook.id}/signing_secret`)).signing_secret as { secret?: string } | undefined;
  if (!secret?.secret) throw new HelpdeskError('Zendesk returned no signing secret for the webhook', 'permanent');

  const triggers = ((await call('GET', '/api/v2/triggers?page[size]=100')).triggers ?? []) as Trigger[];
  for (const spec of triggerSpecs()) {
    const actions = [{ field: 'notification_webhook', value: [hook.id, spec.body] }];
    const existing = triggers.find((t) => t.title === spec.title);
    const trigger = { title: spec.title, active: true, conditions: spec.conditions, actions };
    if (!existing) {
      await call('POST', '/api/v2/triggers', { trigger });
      created.push(`trigger "${spec.title}"`);
    } else if (
      !existing.active ||
      JSON.stringify(existing.actions) !== JSON.stringify(actions) ||
      JSON.stringify(existing.conditions) !== JSON.stringify(spec.conditions)
    ) {
      // PUT replaces conditions and actions together: always send both.
      await call('PUT', `/api/v2/triggers/${existing.id}`, { trigger });
      updated.push(`trigger "${spec.title}"`);
    }
  }
  // The event webhook shares the trigger webhook's bearer token (one hash stored): a token it never had means a new one for both.
  let events = hooks.find((h) => h.name === EVENTS_WEBHOOK_NAME);
  if (!events && !bearerToken) {
    bearerToken = randomBytes(24).toString('base64url');
    await call('PATCH', `/api/v2/webhooks/${hook.id}`, { webhook: { authentication: bearerAuth(bearerToken) } });
    updated.push(`webhook ${hook.id} (new bearer token)`);
  }
  let eventsSigningSecret: string | null = null;
  if (!events) {
    const r = await zendeskRequest(baseUrl, auth, 'POST', '/api/v2/webhooks', {
      body: {
        webhook: {
          name: EVENTS_WEBHOOK_NAME,
          status: 'active',
          endpoint,
          http_method: 'POST',
          request_format: 'json',
          subscriptions: EVENT_SUBSCRIPTIONS,
          authentication: bearerAuth(bearerToken!),
        },
      },
      expect: [400, 403, 422],
    });
    // Refused (plan or permission): the trigger webhook alone says "look now", as before.
    if (r.status < 300) {
      events = (r.body as { webhook: Webhook }).webhook;
      created.push(`webhook ${events.id}`);
    }
  } else if (bearerToken || events.endpoint !== endpoint || events.status !== 'active' || missingSubscriptions(events)) {
    // A webhook from an older relay lacks the event types added since (the deletions): it gets them now.
    await call('PATCH', `/api/v2/webhooks/${events.id}`, {
      webhook: {
        endpoint,
        status: 'active',
        subscriptions: [...new Set([...(events.subscriptions ?? []), ...EVENT_SUBSCRIPTIONS])],
        ...(bearerToken ? { authentication: bearerAuth(bearerToken) } : {}),
      },
    });
    updated.push(`webhook ${events.id}`);
  }
  if (events) {
    const s = (await call('GET', `/api/v2/webhooks/${events.id}/signing_secret`)).signing_secret as { secret?: string } | undefined;
    eventsSigningSecret = s?.secret ?? null;
  }
  return { webhookId: hook.id, signingSecret: secret.secret, bearerToken, eventsSigningSecret, created, updated };
}

function missingSubscriptions(hook: Webhook): boolean {
  return EVENT_SUBSCRIPTIONS.some((type) => !(hook.subscriptions ?? []).includes(type));
}

function bearerAuth(token: string) {
  return { type: 'bearer_token', add_position: 'header', data: { token } };
}
