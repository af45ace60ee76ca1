import type { SessionState } from '../core/session-machine.js';
import { estimateWait } from '../core/wait-estimate.js';
import { agentSilentDueAt, estimateChangedMaterially, planWaitingChange, type WaitingChange, type WaitingStart } from '../core/waiting-plan.js';
import type { Queryable } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import type { SessionRow } from '../store/sessions.js';
import { cancelTimers, findWaiting, waitSamples, insertWaiting, lockWaitingRows, scheduleTimer, setEstimates, updateWaiting, type WaitingRow } from '../store/waiting.js';
import { platformEvent } from './platform-events.js';

/**
 * The waiting state of a session inside the transactions that change it: started with the ticket,
 * timers armed and disarmed by the lifecycle, the agent-silent timer by who wrote last. Nothing here
 * calls out; due times come from the pure plan (core/waiting-plan.ts).
 */

/** Four weeks of the relay's own first replies feed the estimate. */
export const ESTIMATE_WINDOW_MS = 28 * 86_400_000;

export interface WaitingStartRecord {
  start: WaitingStart;
  groupId: string | null;
  acceptedAt: Date;
  hourOfWeek: number;
  estimate: { estimatedWaitSeconds: number | null; sampleSize: number };
}

export async function startWaiting(tx: Queryable, session: SessionRow, r: WaitingStartRecord): Promise<void> {
  const inserted = await insertWaiting(tx, {
    sessionId: session.id,
    tenantId: session.tenantId,
    agentId: session.agentId,
    policy: r.start.policy,
    groupId: r.groupId,
    acceptedAt: r.acceptedAt,
    hourOfWeek: r.hourOfWeek,
    withinBusinessHours: r.start.withinBusinessHours,
    nextOpenAt: r.start.nextOpenAt,
    estimatedWaitSeconds: r.estimate.estimatedWaitSeconds,
    estimateSamples: r.estimate.sampleSize,
    noAgentDueAt: r.start.noAgentDueAt,
  });
  if (inserted && r.start.noAgentDueAt) await scheduleTimer(tx, session, 'timer.no_agent', r.start.noAgentDueAt);
}

/** Called for every applied transition (relay/session-events.ts). */
export async function afterTransition(tx: Queryable, sessionId: string, from: SessionState, to: SessionState, at: Date): Promise<void> {
  const w = await findWaiting(tx, sessionId, { forUpdate: true });
  if (w) await applyWaitingChange(tx, w, planWaitingChange(w, { moved: { from, to }, agentAnswered: false }, at), at);
}

/**
 * The customer wrote while a person owns the session: arm the agent-silent timer, once per silence. Most lines
 * find the silence already counting and need nothing more.
 */
export async function customerWrote(tx: Queryable, sessions: ReadonlyArray<Pick<SessionRow, 'id' | 'tenantId' | 'agentId' | 'state'>>, at: Date): Promise<void> {
  const owned = sessions.filter((s) => s.state === 'human').map((s) => s.id);
  await customerWroteLocked(tx, sessions, await lockWaitingRows(tx, owned), at);
}

/**
 * customerWrote for callers that locked the sessions' waiting rows already: a batch of lines (message-ingest's
 * group commit) reads them in the statement that locks its sessions.
 */
export async function customerWroteLocked(
  tx: Queryable,
  sessions: ReadonlyArray<Pick<SessionRow, 'id' | 'tenantId' | 'agentId' | 'state'>>,
  locked: readonly WaitingRow[],
  at: Date,
): Promise<void> {
  const owned = new Map(sessions.filter((s) => s.state === 'human').map((s) => [s.id, s]));
  for (const w of locked) {
    const session = owned.get(w.sessionId);
    // Already counting (the first unanswered line starts the silence) or already nudged for this silence.
    if (!session || w.agentSilentDueAt || w.agentSilentFired) continue;
    const due = agentSilentDueAt(w.policy, at);
    if (!due) continue;
    await updateWaiting(tx, w.sessionId, { agentSilentDueAt: due });
    await scheduleTimer(tx, session, 'timer.agent_silent', due);
  }
}

/** An agent answered publicly: the silence is over, the next customer line starts a new one. */
export async function agentAnswered(tx: Queryable, sessionId: string, at = new Date()): Promise<void> {
  const w = await findWaiting(tx, sessionId, { forUpdate: true });
  if (w) await applyWaitingChange(tx, w, planWaitingChange(w, { moved: null, agentAnswered: true }, at), at);
}

/** The one-row statements of a planned change (zendesk/event-batch.ts applies the same plan set-based). */
async function applyWaitingChange(tx: Queryable, w: WaitingRow, change: WaitingChange, at: Date): Promise<void> {
  const session = { id: w.sessionId, tenantId: w.tenantId, agentId: w.agentId };
  if (change.clearNoAgent) await cancelTimers(tx, w.sessionId, 'timer.no_agent');
  if (change.clearAgentSilent) await cancelTimers(tx, w.sessionId, 'timer.agent_silent');
  const set = {
    ...(change.clearNoAgent ? { noAgentDueAt: null } : {}),
    ...(change.clearAgentSilent ? { agentSilentDueAt: null, agentSilentFired: false } : {}),
    ...(change.armNoAgentAt ? { noAgentDueAt: change.armNoAgentAt } : {}),
    ...(change.firstReplyAt ? { firstReplyAt: change.firstReplyAt, firstReplyBusinessSeconds: change.firstReplyBusinessSeconds } : {}),
    ...(change.leftUnansweredAt ? { leftUnansweredAt: change.leftUnansweredAt } : {}),
  };
  if (Object.keys(set).length > 0) await updateWaiting(tx, w.sessionId, set);
  if (change.armNoAgentAt) await scheduleTimer(tx, session, 'timer.no_agent', change.armNoAgentAt);
  if (change.firstReplyAt) await refreshEstimates(tx, estimateKey(w), at);
}

/** Whose first replies feed this session's estimate (and who hears when it moves). */
export function estimateKey(w: WaitingRow): Parameters<typeof refreshEstimates>[1] {
  return { sessionId: w.sessionId, agentId: w.agentId, groupId: w.groupId, hourOfWeek: w.hourOfWeek, minSamples: w.policy.estimateMinSamples ?? 5 };
}

/**
 * A new first reply is a new sample: sessions of the same agent, group and hour of the week still
 * waiting get `session.waiting_update` when their estimate moved materially — an event per real
 * change, never a timer. The queue is read without locks and only the sessions to move are locked:
 * once an estimate settles most first replies move none, and locking the whole queue on each one wrote
 * every waiting row (a burst of 200 first replies locked ~200 rows each). SKIP LOCKED: a row another
 * transaction holds is a session changing right now (two first replies at once would otherwise lock
 * each other's rows); it gets the next update.
 */
export async function refreshEstimates(tx: Queryable, key: { sessionId: string; agentId: string; groupId: string | null; hourOfWeek: number; minSamples: number }, at: Date): Promise<void> {
  const samples = await waitSamples(tx, key.agentId, key.groupId, key.hourOfWeek, new Date(at.getTime() - ESTIMATE_WINDOW_MS), at);
  const estimate = estimateWait(samples, key.minSamples);
  const before = (r: Record<string, unknown>) => (r.estimated_wait_seconds === null ? null : Number(r.estimated_wait_seconds));
  const moves = (r: Record<string, unknown>) => estimateChangedMaterially(before(r), estimate.estimatedWaitSeconds);
  const { rows: queue } = await tx.query<Record<string, unknown>>(
    `SELECT w.session_id, w.estimated_wait_seconds FROM session_waiting w JOIN sessions s ON s.id = w.session_id
      WHERE w.agent_id = $1 AND w.group_id IS NOT DISTINCT FROM $2 AND w.hour_of_week = $3 AND s.state = 'waiting' AND s.id <> $4
      ORDER BY s.id LIMIT 200`,
    [key.agentId, key.groupId, key.hourOfWeek, key.sessionId],
  );
  const toMove = queue.filter(moves).map((r) => r.session_id as string);
  if (toMove.length === 0) return;
  // Locked, then checked again: the state or the estimate may have changed since the read.
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT s.id, s.tenant_id, s.agent_id, s.conversation_id, w.estimated_wait_seconds FROM session_waiting w JOIN sessions s ON s.id = w.session_id
      WHERE w.session_id = ANY($1::text[]) AND s.state = 'waiting'
      ORDER BY s.id FOR UPDATE OF w SKIP LOCKED`,
    [toMove],
  );
  const changed = rows.filter(moves).map((r) => ({ r, before: before(r) }));
  if (changed.length === 0) return;
  // One write and one outbox insert for all of them: the first sample that makes an estimate known moves every waiting session at once.
  await setEstimates(tx, changed.map(({ r }) => r.id as string), estimate.estimatedWaitSeconds, estimate.sampleSize);
  await enqueue(
    tx,
    changed.map(({ r, before }) => {
      const s = { id: r.id as string, tenantId: r.tenant_id as string, agentId: r.agent_id as string, conversationId: r.conversation_id as string } as SessionRow;
      return platformEvent(s, 'session.waiting_update', { estimatedWaitSeconds: estimate.estimatedWaitSeconds, estimateSampleSize: estimate.sampleSize, previousEstimatedWaitSeconds: before });
    }),
  );
}
