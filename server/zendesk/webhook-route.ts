import { createHash } from 'node:crypto';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app (plain or OpenAPI) can carry this route
import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import { createSecretOpener, secretMatches } from '../core/secrets.js';
import { verifyZendeskSignature } from '../core/zendesk-signature.js';
import type { Database } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import { findTenant, type TenantRow } from '../store/tenants.js';
import { recentAnswers } from '../core/recent-answers.js';
import { isCommentRelayed } from '../store/ticket-cursors.js';
import { hasPendingSync, recordInvocation } from '../store/zendesk-inbox.js';
import { assertStorable } from '../http/storable-input.js';
import { readBodyCapped } from '../http/node-body.js';
import { MAX_ZENDESK_WEBHOOK_BYTES } from '../http/body-limits.js';
import { createTicketEventIngest } from './event-ingest.js';
import { EVENT_TYPE_PREFIX } from './ticket-events.js';
import { readTicketEvent, sessionOfTicket } from './ticket-event-work.js';

export { MAX_ZENDESK_WEBHOOK_BYTES };

/** How long a tenant's row read for one Zendesk webhook serves the next ones. */
export const TENANT_ROW_TTL_MS = 5_000;
/**
 * How long an agent-reply trigger waits for its comment's event before queueing a catch-up, as steps after each of
 * which the database is read again. Zendesk sends both at once: the trigger often overtakes the event, or the
 * balancer hands the event to another relay that is still committing it (under a burst of 400 replies on 3 relays,
 * often more than half a second later). Queueing then cost a transaction, an outbox row, a claim and a check per
 * reply (bench/scale-out.ts: 0.3–0.8 per reply); waiting holds the trigger's answer 2 s at most — well inside
 * Zendesk's ~12 s timeout, and the event webhook, which carries the reply, is a webhook of its own and never waits.
 */
export const TRIGGER_WAITS_FOR_EVENT_MS = [250, 750, 1_000] as const;
const TRIGGER_WAIT_TOTAL_MS = TRIGGER_WAITS_FOR_EVENT_MS.reduce((a, b) => a + b, 0);

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

/** What the handler needs of a webhook request, from Hono's context or straight from Node's request. */
export interface ZendeskWebhookRequest {
  tenantId: string;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** The body, capped at MAX_ZENDESK_WEBHOOK_BYTES (413 past it). */
  body(): Promise<Buffer>;
}

export interface ZendeskWebhookHandler {
  /** The 200 answer's body; a refusal is thrown as a BatonError. */
  handle(req: ZendeskWebhookRequest): Promise<{ status: string }>;
  /** Settles when the events received so far have committed (graceful shutdown). */
  drained(): Promise<void>;
}

/** `POST /zendesk/webhooks/{tenantId}` on the Hono app (the relay serves it from Node's request: webhook-fast-path.ts). */
export function registerZendeskWebhookRoute(app: Hono<any, any, any>, handler: ZendeskWebhookHandler): void {
  app.post('/zendesk/webhooks/:tenantId', async (c) =>
    c.json(
      await handler.handle({
        tenantId: c.req.param('tenantId'),
        header: (name) => c.req.header(name),
        body: () => readBodyCapped(c, MAX_ZENDESK_WEBHOOK_BYTES),
      }),
    ),
  );
}

/**
 * A Zendesk webhook: verify the signature within the replay window, remember the invocation (Zendesk may
 * repeat it), queue a catch-up of the session, answer 200 at once. The work happens in the outbox, so a slow
 * Zendesk read never makes Zendesk's webhook time out.
 */
export function createZendeskWebhookHandler(deps: {
  db: Database;
  masterKey: Buffer;
  now?: () => number;
  /** Counts the triggers waiting for their event (a metric). */
  awaitingEvent?: { inc(): void; dec(): void };
  onQueued?: () => void;
  onRejected?: () => void;
}): ZendeskWebhookHandler {
  // Both webhooks of every reply name the tenant: a burst of replies reads its row once every few seconds. Only an
  // acceptance rests on a kept row; a webhook it would refuse is checked again against a row read just now, so a
  // rotated token or secret is honoured at once (the old one can still pass for TENANT_ROW_TTL_MS).
  const tenants = recentAnswers((id: string) => findTenant(deps.db, id), { ttlMs: TENANT_ROW_TTL_MS, max: 1_000 });
  const openSecret = createSecretOpener(deps.masterKey);
  // Events that arrive together commit together (a burst of agent replies is a burst of events).
  const events = createTicketEventIngest(deps.db, () => deps.onQueued?.());
  async function handle(req: ZendeskWebhookRequest): Promise<{ status: string }> {
    const tenantId = req.tenantId.slice(0, 100);
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    // The bearer token we configured on the webhook: checked before a byte of the body is read, so an
    // anonymous sender costs a lookup and nothing more. Without one stored, nothing is accepted.
    const bearerRefusal = (tenant: TenantRow | undefined): BatonError | null => {
      if (!tenant) return new BatonError('tenant_not_found');
      if (!tenant.zendeskWebhookSecretEnc) return new BatonError('webhook_not_configured');
      if (!tenant.zendeskWebhookTokenHash) return new BatonError('webhook_token_not_configured');
      if (!token || !secretMatches(token, tenant.zendeskWebhookTokenHash)) return new BatonError('invalid_signature', 'Missing or wrong webhook bearer token.');
      return null;
    };
    const refuse = (refusal: BatonError): never => {
      // Counted as a refused sender only when the sender is at fault, not when the account is not set up.
      if (refusal.code !== 'tenant_not_found' && refusal.code !== 'webhook_not_configured') deps.onRejected?.();
      throw refusal;
    };
    /** The tenant's row read just now, once this webhook's bearer token passes on it. */
    const admitFresh = async (): Promise<TenantRow> => {
      const row = await tenants.refresh(tenantId);
      const refusal = bearerRefusal(row);
      return refusal ? refuse(refusal) : row!;
    };
    const kept = await tenants.get(tenantId);
    const keptRefusal = bearerRefusal(kept.value);
    if (keptRefusal && kept.fresh) refuse(keptRefusal);
    // A kept row that would refuse this webhook is read again first: the token may have been rotated since.
    const fresh = kept.fresh || keptRefusal !== null;
    let tenant = keptRefusal ? await admitFresh() : kept.value!;
    // A declared Content-Length was judged already (http/body-guard.ts, app.ts); a chunked body was read, capped.
    const raw = await req.body();
    const timestamp = req.header('x-zendesk-webhook-signature-timestamp');
    // Two webhooks call this route, each signing with its own secret: the trigger webhook and, where the
    // account has one, the event-subscription webhook. Either must match; the body only picks which is tried
    // first (an event names its type up front).
    const signatureCheck = (row: TenantRow) => {
      const secrets = [row.zendeskWebhookSecretEnc, row.zendeskEventsSecretEnc].filter((x): x is string => Boolean(x));
      if (raw.includes('"zen:event-type:')) secrets.reverse();
      const verify = (secretEnc: string) =>
        verifyZendeskSignature({
          secret: openSecret(secretEnc),
          timestamp,
          signature: req.header('x-zendesk-webhook-signature'),
          body: raw,
          nowMs: deps.now?.() ?? Date.now(),
        });
      let check = verify(secrets[0]!);
      if (!check.ok && check.reason === 'mismatch' && secrets[1]) check = verify(secrets[1]);
      return check;
    };
    let check = signatureCheck(tenant);
    if (!check.ok && check.reason === 'mismatch' && !fresh) {
      // Signed with a secret newer than the kept row? Judged again, bearer token and all, on a row read now.
      tenant = await admitFresh();
      check = signatureCheck(tenant);
    }
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
      const work = readTicketEvent(tenant.id, json);
      return { status: work === 'ignored' ? work : await events.submit(work) };
    }
    const parsed = TriggerBodySchema.safeParse(json);
    if (!parsed.success) throw new BatonError('validation_failed', 'Expected a JSON body with ticket_id.', { issues: parsed.error.issues });
    const invocationId =
      req.header('x-zendesk-webhook-invocation-id') ?? createHash('sha256').update(`${timestamp}\n`).update(raw).digest('hex');
    // With event webhooks on, the comment_added event relays the reply; the trigger's catch-up only checks
    // that it did (no Zendesk read) and reads the ticket if the event never came. Each such check names its
    // own comment, so it is never folded into an earlier one.
    const awaitEvent = Boolean(tenant.zendeskEventsSecretEnc) && parsed.data.event === 'agent_reply' && Boolean(parsed.data.comment_id);
    return tracked(settleTrigger(tenant, parsed.data, invocationId, awaitEvent));
  }

  async function settleTrigger(tenant: TenantRow, trigger: z.infer<typeof TriggerBodySchema>, invocationId: string, awaitEvent: boolean) {
    // The comment's event relayed it — it may still be on its way or committing, here or on another relay:
    // nothing to queue, nothing to remember.
    if (awaitEvent && (await eventRelayed(tenant.id, trigger.ticket_id, trigger.comment_id!))) return { status: 'relayed' };
    const queued = await deps.db.transaction(async (tx) => {
      if (!(await recordInvocation(tx, tenant.id, invocationId.slice(0, 200), trigger))) return 'duplicate';
      const session = await sessionOfTicket(tx, tenant.id, trigger.ticket_id, trigger.external_id);
      if (!session) return 'unknown_ticket';
      if (!awaitEvent && (await hasPendingSync(tx, session.id, trigger.ticket_id))) return 'already_queued';
      await enqueue(tx, [
        {
          tenantId: tenant.id,
          agentId: session.agentId,
          sessionId: session.id,
          channel: 'inbound',
          kind: 'zendesk.sync',
          payload: awaitEvent ? { ...trigger, await_event: true } : trigger,
        },
      ]);
      return 'queued';
    });
    if (queued === 'queued') deps.onQueued?.();
    return { status: queued };
  }
  /**
   * Whether the comment's event relayed it, here or on another relay: known here, else known here or read after
   * each step of waiting for the event to arrive here or to commit elsewhere. No read before the first step: a trigger
   * that overtook its event (it arrives first when the event is held up) would read for nothing.
   */
  async function eventRelayed(tenantId: string, ticketId: string, commentId: string): Promise<boolean> {
    if (await events.accountedFor(tenantId, ticketId, commentId)) return true;
    deps.awaitingEvent?.inc();
    try {
      // On the embedded database no other relay commits events: one read, once the whole wait is over.
      for (const waitMs of deps.db.kind === 'postgres' ? TRIGGER_WAITS_FOR_EVENT_MS : [TRIGGER_WAIT_TOTAL_MS]) {
        if (await events.accountedForWithin(tenantId, ticketId, commentId, waitMs)) return true;
        if (await isCommentRelayed(deps.db, tenantId, ticketId, commentId)) return true;
      }
      return false;
    } finally {
      deps.awaitingEvent?.dec();
    }
  }

  // Triggers being settled: a stopping relay lets them finish (waits cut short) before it closes the database.
  const settling = new Set<Promise<void>>();
  function tracked<T>(work: Promise<T>): Promise<T> {
    // Its outcome is the caller's; this copy only marks the end (and never rejects unheard).
    const done = () => void settling.delete(entry);
    const entry: Promise<void> = work.then(done, done);
    settling.add(entry);
    return work;
  }

  return {
    handle,
    async drained() {
      events.stopWaiting();
      await Promise.allSettled([...settling]);
      await events.drained();
    },
  };
}
