import { createHash } from 'node:crypto';
import { BatonError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { isUniqueViolation, type Database, type Queryable } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import { findIdempotentResponse, saveIdempotentResponse } from '../store/idempotency.js';
import { appendMessages, listMessages } from '../store/messages.js';
import { recordConversationSeen } from '../store/conversations-seen.js';
import { findOpenSession, findPreviousSession, insertSession } from '../store/sessions.js';
import { findAgent } from '../store/tenants.js';
import type { HandoffRequest } from '../http/schemas.js';
import { helpdeskTask } from './platform-events.js';
import { sessionView, toMessageInput } from './views.js';

export interface Caller {
  tenantId: string;
  agentId: string;
}

export interface HandoffResult {
  status: 200 | 201;
  body: { session: ReturnType<typeof sessionView>; created: boolean };
  replayed: boolean;
  /** Started from /evaluate: the decision that started it (a replay answers the first decision, not a new one). */
  decision?: unknown;
}

type StoredHandoff = Omit<HandoffResult, 'replayed'>;

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** What a rule decided, when the relay starts the handoff itself (`/evaluate` with `startHandoff`). */
export interface RuleOutcome {
  rule: { id: string; name: string } | null;
  triggerName: string | null;
  routing: { groupId?: number | undefined; priority?: string | undefined; tags?: string[] | undefined } | null;
  decision: unknown;
  /**
   * What the platform sent to /evaluate (conversation, turn, startHandoff). The Idempotency-Key covers this, not
   * the handoff the rules derived from it: two turns the same rule hands off derive the same handoff, yet they
   * are two requests; and a retry of one request stays a replay even if the rules changed in between.
   */
  request: unknown;
}

/** What an `/evaluate` request's key is held to; wrapped, so it never equals a handoff request's hash. */
export const evaluateRequestHash = (request: unknown): string => requestHash({ evaluate: request });

/**
 * The answer stored under this key, if any; 422 `idempotency_key_reused` when the key came with another request.
 * `/evaluate` asks before it evaluates, so a retry gets the first answer even where the rules would now decide otherwise.
 */
export async function findStoredHandoff(q: Queryable, agentId: string, idempotencyKey: string, hash: string): Promise<StoredHandoff | undefined> {
  const stored = await findIdempotentResponse(q, agentId, idempotencyKey);
  if (!stored) return undefined;
  if (stored.requestHash !== hash) throw new BatonError('idempotency_key_reused');
  return stored.body as StoredHandoff;
}

/**
 * POST /v1/handoffs. One transaction writes the session, its transcript, the ticket-creation task
 * and the idempotent response; a concurrent twin (same key, or same conversation) loses the unique
 * race and is retried once, when it finds the winner's result.
 */
export async function createHandoff(
  db: Database,
  caller: Caller,
  idempotencyKey: string,
  req: HandoffRequest,
  outcome?: RuleOutcome,
): Promise<HandoffResult> {
  const hash = outcome ? evaluateRequestHash(outcome.request) : requestHash(req);
  const seen = new Set<string>();
  for (const m of req.transcript) {
    if (seen.has(m.id)) {
      throw new BatonError('validation_failed', `Transcript message id ${m.id} appears twice.`, {
        issues: [{ path: 'transcript', message: `duplicate message id ${m.id}` }],
      });
    }
    seen.add(m.id);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const stored = await findStoredHandoff(tx, caller.agentId, idempotencyKey, hash);
        if (stored) return { ...stored, replayed: true };
        const agent = await findAgent(tx, caller.agentId);
        if (!agent) throw new BatonError('agent_not_found');
        if (!agent.handoffEnabled) throw new BatonError('handoff_disabled');

        let result: StoredHandoff;
        const open = await findOpenSession(tx, caller.agentId, req.conversationId);
        if (open) {
          result = { status: 200, body: { session: sessionView(open, { messages: await listMessages(tx, open.id) }), created: false } };
        } else {
          // A conversation escalated again continues on its ticket (one ticket per conversation).
          const previous = await findPreviousSession(tx, caller.agentId, req.conversationId);
          const previousTicketId = previous?.ticketId ?? undefined;
          // Before the session: the session row notes when its conversation was first seen (store/handoff-links.ts).
          await recordConversationSeen(tx, { tenantId: caller.tenantId, agentId: caller.agentId, conversationId: req.conversationId });
          const session = await insertSession(tx, {
            id: newId('ses'),
            tenantId: caller.tenantId,
            agentId: caller.agentId,
            conversationId: req.conversationId,
            endUser: req.endUser,
            reasonCode: req.reason.code,
            reasonText: req.reason.text ?? null,
            summary: req.summary ?? null,
            priority: req.priority,
            tags: req.tags,
            metadata: req.metadata,
            signals: req.signals,
            routing: {
              ...(outcome?.routing?.groupId ? { groupId: outcome.routing.groupId } : {}),
              ...(previousTicketId ? { previousTicketId } : {}),
            },
            rule: outcome?.rule ?? null,
            triggerName: outcome?.triggerName ?? null,
            handoffMessage: req.handoffMessage ?? null,
            previousSessionId: previous?.sessionId ?? null,
          });
          const messages = await appendMessages(
            tx,
            session.id,
            1,
            'transcript',
            req.transcript.map(toMessageInput),
          );
          await enqueue(tx, [helpdeskTask(session, 'ticket.create', {})]);
          const withCount = { ...session, messageCount: messages.length };
          result = { status: 201, body: { session: sessionView(withCount, { messages }), created: true } };
        }
        if (outcome) result = { ...result, decision: outcome.decision };
        await saveIdempotentResponse(tx, caller.agentId, idempotencyKey, { requestHash: hash, status: result.status, body: result });
        return { ...result, replayed: false };
      });
    } catch (error) {
      // The twin committed first: run again and answer with what it stored.
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
  }
}
