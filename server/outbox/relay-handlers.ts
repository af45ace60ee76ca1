import { createSecretOpener } from '../core/secrets.js';
import { singleFlight } from '../core/single-flight.js';
import { signingSecrets } from '../core/webhook-secret-overlap.js';
import { isOpen } from '../core/session-machine.js';
import { escapeHtml, renderLineHtml } from '../core/transcript-html.js';
import type { Database } from '../db/database.js';
import { HelpdeskError, TicketClosedError, type Helpdesk, type HelpdeskResolver } from '../helpdesk/helpdesk.js';
import { platformEvent } from '../relay/platform-events.js';
import { applySessionEvent } from '../relay/session-events.js';
import {
  deliveriesByIds,
  hasPendingTicketStatusWrite,
  markCarriedDelivered,
  pendingRunAfter,
  pinCarriedGroup,
  recentTicketUpdates,
  type DeliveryRow,
} from '../store/deliveries.js';
import { ticketUpdateDelayMs } from '../core/ticket-update-budget.js';
import { findMessage, listMessages, type MessageRow } from '../store/messages.js';
import { findNewestSuccessor, findSession, type SessionRow } from '../store/sessions.js';
import { findAgent } from '../store/tenants.js';
import { DeliveryDeferred, DeliveryError } from './delivery-error.js';
import { sendPlatformWebhook } from './platform-webhook.js';
import type { DeliveryHandlers, HandlerOutcome } from './worker.js';
import { syncTicket } from './ticket-sync-handler.js';
import { followUpKeys, writeFollowingTicket } from './follow-up.js';
import { createScheduleCache, type ScheduleCache } from './schedule-cache.js';
import { prepareAcceptance } from './accept-ticket.js';
import { acceptDeletedTicket } from './pending-ticket-deleted.js';
import { fireWaitingTimer } from './waiting-timers.js';

export interface RelayHandlerDeps {
  db: Database;
  /** Pause between a ticket's updates once its burst is spent (config; shorter in tests). */
  ticketUpdateSpacingMs?: number;
  masterKey: Buffer;
  helpdeskFor: HelpdeskResolver;
  /** CALLBACK_ALLOW_PRIVATE_HOSTS: may callbacks reach loopback, private and link-local addresses? */
  callbackAllowPrivate?: boolean;
  /** The clock business hours and due times are computed with (tests inject one). */
  now?: () => Date;
  /** The account's schedules, shared by this relay's handlers (a fresh cache by default). */
  schedules?: ScheduleCache;
}

/** Most chat lines merged into one ticket comment. */
export const MAX_MESSAGES_PER_COMMENT = 50;
/** …and at most this much text, well under Zendesk's comment size. */
export const MAX_COMMENT_TEXT_CHARS = 30_000;

/** How soon a re-escalation looks again for the ticket its earlier handoff is still making. */
const PREVIOUS_TICKET_WAIT_MS = 500;

/** Tag Return to AI puts on the ticket, for views and reports. */
export const RETURNED_TAG = 'baton_returned';

/** Idempotency key and external id of a session's ticket: stable, so a retried create finds the first ticket. */
export const ticketKeys = (sessionId: string) => ({ idempotencyKey: `baton-ticket-${sessionId}`, externalId: `baton:${sessionId}` });

/** Connects outbox rows to their effects: webhooks to the AI platform and tasks on the helpdesk. */
export function createRelayHandlers(deps: RelayHandlerDeps): DeliveryHandlers {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const schedules = deps.schedules ?? createScheduleCache({ now: () => now().getTime() });
  const agentById = singleFlight((agentId: string) => findAgent(db, agentId));
  const openSecret = createSecretOpener(deps.masterKey);

  async function loadSession(d: DeliveryRow): Promise<SessionRow> {
    const session = await findSession(db, d.sessionId);
    if (!session) throw new DeliveryError(`session ${d.sessionId} no longer exists`, 'permanent');
    return session;
  }

  async function helpdesk(tenantId: string): Promise<Helpdesk> {
    const hd = await deps.helpdeskFor(tenantId);
    // Transient: the admin may connect Zendesk later, and nothing acknowledged may be dropped.
    if (!hd) throw new DeliveryError('zendesk_not_connected: the tenant has no Zendesk connection yet', 'transient');
    return hd;
  }

  async function ticketOf(session: SessionRow): Promise<string> {
    if (session.ticketId) return session.ticketId;
    if (session.state === 'failed') throw new DeliveryError('the ticket for this session could not be created', 'permanent');
    throw new DeliveryError('ticket not created yet', 'transient');
  }

  async function deliverPlatform(d: DeliveryRow): Promise<HandlerOutcome> {
    const agent = await agentById(d.agentId);
    if (!agent) throw new DeliveryError(`AI agent ${d.agentId} no longer exists`, 'permanent');
    // Deleted from the app: nothing is sent to its platform any more (dead-lettered, visible, replayable if undone by hand).
    if (agent.deletedAt) throw new DeliveryError(`AI agent ${d.agentId} was deleted`, 'permanent');
    if (!agent.callbackUrl) throw new DeliveryError('the AI agent has no callback URL configured', 'transient');
    // The relay's clock decides the overlap window; the signature's timestamp stays the wall clock receivers check.
    const secret = signingSecrets(agent.webhookSecretEnc, agent.previousWebhookSecretEnc, agent.previousWebhookSecretUntil, now()).map(openSecret);
    const { status } = await sendPlatformWebhook({
      url: agent.callbackUrl,
      secret,
      webhookId: d.id,
      payload: d.payload,
      allowPrivate: deps.callbackAllowPrivate ?? true,
    });
    return { status };
  }

  async function createTicket(d: DeliveryRow): Promise<HandlerOutcome> {
    const session = await loadSession(d);
    if (session.ticketId) return {}; // A replayed task: the ticket exists already.
    const hd = await helpdesk(session.tenantId);
    const transcript = await listMessages(db, session.id);
    let previousTicketId = typeof session.routing.previousTicketId === 'string' ? session.routing.previousTicketId : undefined;
    if (session.previousSessionId) {
      // The earlier handoff may still be making its ticket (it can end while pending), or still returning it to
      // the AI (a retried "solved", e.g. after Zendesk applied it but the answer was lost): wait for both, so the
      // conversation keeps one ticket instead of two, and a late "solved" never lands after this handoff reopened
      // the ticket (it would return the new session).
      const previous = await findSession(db, session.previousSessionId);
      if (previous && (await hasPendingTicketStatusWrite(db, previous.id))) throw new DeliveryDeferred(PREVIOUS_TICKET_WAIT_MS);
      if (previous?.ticketId) previousTicketId = previous.ticketId;
    }
    const previousFollowUpExternalId =
      previousTicketId && session.previousSessionId ? followUpKeys(session.previousSessionId, previousTicketId).externalId : undefined;
    const created = await hd.createTicket({ ...ticketKeys(session.id), session, transcript, isRetry: d.attempts > 1, previousTicketId, previousFollowUpExternalId });
    const accept = await prepareAcceptance({ db, schedules, now }, session, hd, created);
    return {
      commit: async (tx) => {
        await accept(tx);
      },
    };
  }

  async function relayNote(d: DeliveryRow): Promise<HandlerOutcome> {
    const session = await loadSession(d);
    const ticketId = await ticketOf(session);
    const message = await findMessage(db, session.id, String(d.payload.messageId));
    if (!message) throw new DeliveryError(`message ${String(d.payload.messageId)} not found`, 'permanent');
    const hd = await helpdesk(session.tenantId);
    const html = renderLineHtml(message, session.endUser.name ?? null);
    const write = (id: string) => hd.addInternalNote({ ticketId: id, messageId: message.messageId, html, isRetry: d.attempts > 1 });
    if (!isOpen(session.state)) {
      // The session is over (e.g. "the platform ended this conversation"): a closed ticket needs no follow-up for it.
      try {
        await write(ticketId);
      } catch (error) {
        if (!(error instanceof TicketClosedError)) throw error;
      }
      return {};
    }
    const commit = await writeFollowingTicket(hd, session, ticketId, write, () => findNewestSuccessor(db, session), () => hasPendingTicketStatusWrite(db, session.id));
    return commit ? { commit } : {};
  }

  /** Return to AI, on the ticket: a private note saying who returned it and why, a tag, and the tenant's chosen status. */
  async function returnTicketToAi(d: DeliveryRow): Promise<HandlerOutcome> {
    const session = await loadSession(d);
    if (!session.ticketId) return {};
    const hd = await helpdesk(session.tenantId);
    const agent = typeof d.payload.agentName === 'string' && d.payload.agentName ? d.payload.agentName : 'an agent';
    const note = typeof d.payload.note === 'string' && d.payload.note ? `: ${escapeHtml(d.payload.note)}` : '.';
    const status = d.payload.status === 'pending' || d.payload.status === 'unchanged' ? d.payload.status : 'solved';
    // A no-agent timeout's return (outbox/waiting-timers.ts) brings its own note and tag; an agent's has a name.
    const noteHtml = typeof d.payload.noteHtml === 'string' ? d.payload.noteHtml : `<p><strong>Returned to the AI</strong> by ${escapeHtml(agent)}${note}</p>`;
    await hd.returnToAi({
      ticketId: session.ticketId,
      status,
      noteHtml,
      tag: typeof d.payload.tag === 'string' ? d.payload.tag : RETURNED_TAG,
      isRetry: d.attempts > 1,
    });
    return {};
  }

  /** A waiting timeout's mark: private note, tags, priority (payload from outbox/waiting-timers.ts). */
  async function markTicket(d: DeliveryRow): Promise<HandlerOutcome> {
    const session = await loadSession(d);
    if (!session.ticketId) return {};
    const hd = await helpdesk(session.tenantId);
    const p = d.payload;
    const priority = p.priority === 'high' || p.priority === 'urgent' ? p.priority : undefined;
    await hd.markTicket?.({
      ticketId: session.ticketId,
      noteHtml: typeof p.noteHtml === 'string' ? p.noteHtml : undefined,
      tags: Array.isArray(p.tags) ? p.tags.map(String) : undefined,
      priority,
      isRetry: d.attempts > 1,
    });
    return {};
  }

  /**
   * End-user messages queued together go to the ticket as one comment: a burst of ten chat lines
   * costs one ticket update instead of ten (Zendesk allows 30 per ticket per 10 minutes).
   */
  async function relayEndUserMessages(d: DeliveryRow): Promise<HandlerOutcome> {
    const session = await loadSession(d);
    const ticketId = await ticketOf(session);
    const recent = await recentTicketUpdates(db, session.id);
    const wait = ticketUpdateDelayMs(recent.times, recent.now, deps.ticketUpdateSpacingMs);
    if (wait > 0) throw new DeliveryDeferred(wait);
    const pinned = Array.isArray(d.payload.group) ? (d.payload.group as string[]) : undefined;
    const firstAttemptAt = typeof d.payload.firstAttemptAt === 'string' ? new Date(d.payload.firstAttemptAt) : new Date();
    const carried: DeliveryRow[] = [];
    const messages: MessageRow[] = [];
    if (pinned) {
      // A retry: the same comment as the first attempt, so the check for it on the ticket can find it.
      carried.push(...(await deliveriesByIds(db, pinned)).filter((r) => r.status === 'pending'));
      for (const row of [d, ...carried]) {
        const message = await findMessage(db, session.id, String(row.payload.messageId));
        if (message) messages.push(message);
      }
    } else {
      const following = await pendingRunAfter(db, d.id, d.kind, MAX_MESSAGES_PER_COMMENT - 1);
      let chars = 0;
      for (const row of [d, ...following]) {
        const message = await findMessage(db, session.id, String(row.payload.messageId));
        if (message && messages.length > 0 && chars + message.text.length > MAX_COMMENT_TEXT_CHARS) break;
        if (row !== d) carried.push(row);
        if (message) {
          messages.push(message);
          chars += message.text.length;
        }
      }
      await pinCarriedGroup(db, d.id, carried.map((c) => c.id), firstAttemptAt);
    }
    if (messages.length === 0) throw new DeliveryError(`message ${String(d.payload.messageId)} not found`, 'permanent');
    const hd = await helpdesk(session.tenantId);
    const moveToFollowUp = await writeFollowingTicket(hd, session, ticketId, (id, s) =>
      hd.addEndUserComment({
        ticketId: id,
        session: s,
        messageId: messages[0]!.messageId,
        text: messages.map((m) => m.text).join('\n\n'),
        attachments: messages.flatMap((m) => m.attachments),
        isRetry: d.attempts > 1,
        firstAttemptAt,
      }),
      () => findNewestSuccessor(db, session),
      () => hasPendingTicketStatusWrite(db, session.id),
    );
    return {
      commit: async (tx) => {
        await markCarriedDelivered(tx, carried.map((c) => c.id));
        await moveToFollowUp?.(tx);
      },
    };
  }

  return {
    async handle(d) {
      try {
        if (d.channel === 'platform') return await deliverPlatform(d);
        if (d.channel === 'timer') return await fireWaitingTimer(d, { db, helpdeskFor: deps.helpdeskFor });
        if (d.channel === 'inbound') {
          const session = await loadSession(d);
          const named = typeof d.payload.ticket_id === 'string' ? d.payload.ticket_id : undefined;
          // Queued by the agent-reply trigger while event webhooks are on: the event may make the read unneeded.
          const awaited =
            d.payload.await_event === true && typeof d.payload.comment_id === 'string'
              ? { db: deps.db, commentId: d.payload.comment_id, queuedAt: d.createdAt }
              : undefined;
          // A deletion heard before the relay recorded the ticket: syncTicket would wait for ticket.create, which may never record it.
          if (session.state === 'pending' && !session.ticketId && named && d.payload.deleted === true) {
            return await acceptDeletedTicket({ db, schedules, now }, session, await helpdesk(session.tenantId), named);
          }
          return await syncTicket(session, await helpdesk(session.tenantId), named, awaited);
        }
        switch (d.kind) {
          case 'ticket.create':
            return await createTicket(d);
          case 'ticket.end_user_message':
            return await relayEndUserMessages(d);
          case 'ticket.note':
            return await relayNote(d);
          case 'ticket.return_to_ai':
            return await returnTicketToAi(d);
          case 'ticket.mark':
            return await markTicket(d);
          default:
            throw new DeliveryError(`unknown helpdesk task ${d.kind}`, 'permanent');
        }
      } catch (error) {
        if (error instanceof HelpdeskError) throw new DeliveryError(error.message, error.kind, error.status, error.retryAfterMs);
        throw error;
      }
    },
    async onDead(tx, d, error) {
      if (d.kind !== 'ticket.create') return;
      // The customer must not wait forever: tell the platform so it can say so in the chat.
      await applySessionEvent(tx, d.sessionId, { type: 'ticket_failed' }, {
        cause: 'ticket_create_failed',
        strict: false,
        extraDeliveries: (s) => [platformEvent(s, 'handoff.failed', { reason: error.message, status: error.status })],
      });
    },
  };
}
