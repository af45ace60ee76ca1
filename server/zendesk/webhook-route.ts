import { createHash } from 'node:crypto';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app (plain or OpenAPI) can carry this route
import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import { decryptSecret, secretMatches } from '../core/secrets.js';
import { verifyZendeskSignature } from '../core/zendesk-signature.js';
import type { Database, Queryable } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import { findSession, findSessionByTicket, type SessionRow } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';
import { singleFlight } from '../core/single-flight.js';
import { isCommentRelayed } from '../store/ticket-cursors.js';
import { hasPendingSync, recordInvocation } from '../store/zendesk-inbox.js';
import { assertStorable } from '../http/storable-input.js';
import { MAX_ZENDESK_WEBHOOK_BYTES } from '../http/body-limits.js';
import { BATON_TAG } from './helpdesk.js';
import { COMMENT_ADDED, commentOf, EVENT_TYPE_PREFIX, isSessionStatusChange, relayCommentEvent, STATUS_CHANGED, TicketEventSchema } from './ticket-events.js';

export { MAX_ZENDESK_WEBHOOK_BYTES };

/** The body our triggers send: ids only; the content is read from the ticket (see ticket-sync). */
const TriggerBodySchema = z.looseObject({
  event: z.string().max(50).optional(),
  ticket_id: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String),
  external_id: z.string().max(200).optional(),
  // The ticket's latest comment when the trigger fired (agent replies): lets an event stand in for the read.
  comment_id: z.string().regex(/^\d{1,20}$/).optional(),
});

const isEventEnvelope = (json: unknown): json is { type: string } =>
  typeof json === 'object' && json !== null && typeof (json as { type?: unknown }).type === 'string' && (json as { type: string }).type.startsWith(EVENT_TYPE_PREFIX);

/** The session a ticket belongs to: recorded on it, or (before the relay recorded the new ticket) named by its external id. */
async function sessionOfTicket(tx: Queryable, tenantId: string, ticketId: string, externalId: string | null | undefined): Promise<SessionRow | undefined> {
  const bySession = /^baton:(ses_[a-z0-9]{1,80})(?::followup-\d{1,20})?$/.exec(externalId ?? '')?.[1];
  return (await findSessionByTicket(tx, tenantId, ticketId)) ?? (bySession ? await findSession(tx, bySession, { tenantId }) : undefined);
}

type EventOutcome = 'relayed' | 'queued' | 'already_queued' | 'duplicate' | 'unknown_ticket' | 'ignored';

/**
 * One event-subscription webhook call, in one transaction: remembered by its event id (Zendesk may send
 * it twice), matched to a session, then either relayed at once (a comment) or turned into a catch-up (a
 * status change, or a comment that came before the relay recorded its ticket).
 */
async function handleTicketEvent(db: Database, tenantId: string, json: unknown): Promise<EventOutcome> {
  const parsed = TicketEventSchema.safeParse(json);
  if (!parsed.success) throw new BatonError('validation_failed', 'Malformed Zendesk event.', { issues: parsed.error.issues });
  const event = parsed.data;
  // The event webhook hears every ticket of the account: only Baton's tickets concern the relay.
  if (event.detail.tags && !event.detail.tags.includes(BATON_TAG)) return 'ignored';
  const comment = event.type === COMMENT_ADDED ? commentOf(event) : undefined;
  if (event.type === COMMENT_ADDED && !comment) throw new BatonError('validation_failed', 'A comment_added event without its comment.');
  // Internal notes and end users' comments (the customer's lines the relay wrote, its transcript notes) are never
  // relayed: no database work for them. A catch-up passing over them decides the same.
  if (comment && (!comment.public || !comment.authorIsStaff)) return 'ignored';
  if (event.type !== COMMENT_ADDED && event.type !== STATUS_CHANGED) return 'ignored';
  // Only solving, closing and reopening move a session; new → open (an agent's first reply) does not.
  if (event.type === STATUS_CHANGED && !isSessionStatusChange(event)) return 'ignored';
  const ticketId = event.detail.id;
  return db.transaction(async (tx): Promise<EventOutcome> => {
    if (!(await recordInvocation(tx, tenantId, `event:${event.id}`.slice(0, 200), { type: event.type, ticket_id: ticketId }))) return 'duplicate';
    const session = await sessionOfTicket(tx, tenantId, ticketId, event.detail.external_id);
    if (!session) return 'unknown_ticket';
    if (comment && session.ticketId) {
      await relayCommentEvent(tx, session, ticketId, comment, event.detail.status ?? 'open');
      return 'relayed';
    }
    // A public staff comment before the relay recorded its new ticket (an agent faster than the relay): a catch-up.
    if (await hasPendingSync(tx, session.id, ticketId)) return 'already_queued';
    await enqueue(tx, [
      { tenantId, agentId: session.agentId, sessionId: session.id, channel: 'inbound', kind: 'zendesk.sync', payload: { source: event.type, ticket_id: ticketId } },
    ]);
    return 'queued';
  });
}

/**
 * `POST /zendesk/webhooks/{tenantId}`: verify the signature within the replay window, remember the
 * invocation (Zendesk may repeat it), queue a catch-up of the session, answer 200 at once. The work
 * happens in the outbox, so a slow Zendesk read never makes Zendesk's webhook time out.
 */
export function registerZendeskWebhookRoute(app: Hono<any, any, any>, deps: { db: Database; masterKey: Buffer; now?: () => number; onQueued?: () => void; onRejected?: () => void }) {
  // Both webhooks of every reply name the tenant: a burst of replies shares its lookups.
  const tenantById = singleFlight((id: string) => findTenant(deps.db, id));
  app.post('/zendesk/webhooks/:tenantId', async (c) => {
    const tenant = await tenantById(c.req.param('tenantId').slice(0, 100));
    if (!tenant) throw new BatonError('tenant_not_found');
    if (!tenant.zendeskWebhookSecretEnc) throw new BatonError('webhook_not_configured');
    // The bearer token we configured on the webhook: checked before a byte of the body is read, so an
    // anonymous sender costs a lookup and nothing more. Without one stored, nothing is accepted.
    if (!tenant.zendeskWebhookTokenHash) {
      deps.onRejected?.();
      throw new BatonError('webhook_token_not_configured');
    }
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token || !secretMatches(token, tenant.zendeskWebhookTokenHash)) {
      deps.onRejected?.();
      throw new BatonError('invalid_signature', 'Missing or wrong webhook bearer token.');
    }
    // The body limit (Content-Length and streaming, see http/body-guard.ts and app.ts) has run already.
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length > MAX_ZENDESK_WEBHOOK_BYTES) throw new BatonError('payload_too_large');
    const timestamp = c.req.header('x-zendesk-webhook-signature-timestamp');
    // Two webhooks call this route, each signing with its own secret: the trigger webhook and, where the
    // account has one, the event-subscription webhook.
    const verify = (secretEnc: string) =>
      verifyZendeskSignature({
        secret: decryptSecret(deps.masterKey, secretEnc),
        timestamp,
        signature: c.req.header('x-zendesk-webhook-signature'),
        body: raw,
        nowMs: deps.now?.() ?? Date.now(),
      });
    // Either secret must match; the body only picks which is tried first (an event names its type up front).
    const secrets = [tenant.zendeskWebhookSecretEnc, tenant.zendeskEventsSecretEnc].filter((x): x is string => Boolean(x));
    if (raw.includes('"zen:event-type:')) secrets.reverse();
    let check = verify(secrets[0]!);
    if (!check.ok && check.reason === 'mismatch' && secrets[1]) check = verify(secrets[1]);
    if (!check.ok) deps.onRejected?.();
    if (!check.ok) throw new BatonError('invalid_signature', `Zendesk webhook refused: ${check.reason} signature.`, { reason: check.reason });
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BatonError('invalid_json');
    }
    assertStorable(json);
    if (isEventEnvelope(json)) {
      const outcome = await handleTicketEvent(deps.db, tenant.id, json);
      if (outcome === 'relayed' || outcome === 'queued') deps.onQueued?.();
      return c.json({ status: outcome });
    }
    const parsed = TriggerBodySchema.safeParse(json);
    if (!parsed.success) throw new BatonError('validation_failed', 'Expected a JSON body with ticket_id.', { issues: parsed.error.issues });
    const invocationId =
      c.req.header('x-zendesk-webhook-invocation-id') ?? createHash('sha256').update(`${timestamp}\n`).update(raw).digest('hex');
    // With event webhooks on, the comment_added event relays the reply; the trigger's catch-up only checks
    // that it did (no Zendesk read) and reads the ticket if the event never came. Each such check names its
    // own comment, so it is never folded into an earlier one.
    const awaitEvent = Boolean(tenant.zendeskEventsSecretEnc) && parsed.data.event === 'agent_reply' && Boolean(parsed.data.comment_id);
    // The comment's event came first (the usual order) and relayed it: nothing to queue, nothing to remember.
    if (awaitEvent && (await isCommentRelayed(deps.db, tenant.id, parsed.data.ticket_id, parsed.data.comment_id!))) return c.json({ status: 'relayed' });
    const queued = await deps.db.transaction(async (tx) => {
      if (!(await recordInvocation(tx, tenant.id, invocationId.slice(0, 200), parsed.data))) return 'duplicate';
      const session = await sessionOfTicket(tx, tenant.id, parsed.data.ticket_id, parsed.data.external_id);
      if (!session) return 'unknown_ticket';
      if (!awaitEvent && (await hasPendingSync(tx, session.id, parsed.data.ticket_id))) return 'already_queued';
      await enqueue(tx, [
        {
          tenantId: tenant.id,
          agentId: session.agentId,
          sessionId: session.id,
          channel: 'inbound',
          kind: 'zendesk.sync',
          payload: awaitEvent ? { ...parsed.data, await_event: true } : parsed.data,
        },
      ]);
      return 'queued';
    });
    if (queued === 'queued') deps.onQueued?.();
    return c.json({ status: queued });
  });
}
