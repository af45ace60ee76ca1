import type { Queryable } from '../db/database.js';
import { newId } from '../core/ids.js';
import { prepared } from '../db/prepared.js';
import { waitSoFarSeconds, type WaitSample } from '../core/wait-estimate.js';
import type { WaitingPolicy } from '../core/waiting-plan.js';
import { readWaitingSettings, type WaitingSettings } from '../core/waiting-settings.js';

/** The two waiting timers; each is an outbox row on channel 'timer' due at its time. */
export type TimerKind = 'timer.no_agent' | 'timer.agent_silent';

export interface WaitingRow {
  sessionId: string;
  tenantId: string;
  agentId: string;
  policy: WaitingPolicy;
  groupId: string | null;
  acceptedAt: Date;
  hourOfWeek: number;
  withinBusinessHours: boolean | null;
  nextOpenAt: Date | null;
  estimatedWaitSeconds: number | null;
  estimateSamples: number;
  noAgentDueAt: Date | null;
  noAgentFiredAt: Date | null;
  agentSilentDueAt: Date | null;
  agentSilentFired: boolean;
  agentSilentCount: number;
  firstReplyAt: Date | null;
  /** The first reply's wait in business seconds (null: no schedule, or recorded before the column existed). */
  firstReplyBusinessSeconds: number | null;
  /** When the session left the queue with nobody having answered (null: it has not, or before the column existed). */
  leftUnansweredAt: Date | null;
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));

/** Every column toWaitingRow reads, for statements that name their columns (prepared ones must). */
export const WAITING_COLUMNS = `session_id, tenant_id, agent_id, policy, group_id, accepted_at, hour_of_week, within_business_hours,
  next_open_at, estimated_wait_seconds, estimate_samples, no_agent_due_at, no_agent_fired_at, agent_silent_due_at,
  agent_silent_fired, agent_silent_count, first_reply_at, first_reply_business_seconds, left_unanswered_at`;

export const toWaitingRow = (r: Raw): WaitingRow => ({
  sessionId: r.session_id as string,
  tenantId: r.tenant_id as string,
  agentId: r.agent_id as string,
  policy: r.policy as WaitingPolicy,
  groupId: (r.group_id as string | null) ?? null,
  acceptedAt: date(r.accepted_at)!,
  hourOfWeek: Number(r.hour_of_week),
  withinBusinessHours: (r.within_business_hours as boolean | null) ?? null,
  nextOpenAt: date(r.next_open_at),
  estimatedWaitSeconds: r.estimated_wait_seconds === null || r.estimated_wait_seconds === undefined ? null : Number(r.estimated_wait_seconds),
  estimateSamples: Number(r.estimate_samples ?? 0),
  noAgentDueAt: date(r.no_agent_due_at),
  noAgentFiredAt: date(r.no_agent_fired_at),
  agentSilentDueAt: date(r.agent_silent_due_at),
  agentSilentFired: Boolean(r.agent_silent_fired),
  agentSilentCount: Number(r.agent_silent_count ?? 0),
  firstReplyAt: date(r.first_reply_at),
  firstReplyBusinessSeconds: r.first_reply_business_seconds === null || r.first_reply_business_seconds === undefined ? null : Number(r.first_reply_business_seconds),
  leftUnansweredAt: date(r.left_unanswered_at),
});

export async function findWaitingSettings(q: Queryable, agentId: string): Promise<WaitingSettings | undefined> {
  const { rows } = await q.query<Raw>('SELECT waiting_settings FROM ai_agents WHERE id = $1', [agentId]);
  return rows[0] ? readWaitingSettings(rows[0].waiting_settings) : undefined;
}

export async function saveWaitingSettings(q: Queryable, agentId: string, settings: WaitingSettings): Promise<boolean> {
  const r = await q.query('UPDATE ai_agents SET waiting_settings = $2 WHERE id = $1', [agentId, JSON.stringify(settings)]);
  return r.rowCount > 0;
}

/** Written once, when the ticket exists; a replayed ticket.create finds the row and leaves it as it was. */
export async function insertWaiting(q: Queryable, w: Omit<WaitingRow, 'noAgentFiredAt' | 'agentSilentDueAt' | 'agentSilentFired' | 'agentSilentCount' | 'firstReplyAt' | 'firstReplyBusinessSeconds' | 'leftUnansweredAt'>): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO session_waiting (session_id, tenant_id, agent_id, policy, group_id, accepted_at, hour_of_week, within_business_hours,
       next_open_at, estimated_wait_seconds, estimate_samples, no_agent_due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (session_id) DO NOTHING`,
    [w.sessionId, w.tenantId, w.agentId, JSON.stringify(w.policy), w.groupId, w.acceptedAt, w.hourOfWeek, w.withinBusinessHours, w.nextOpenAt, w.estimatedWaitSeconds, w.estimateSamples, w.noAgentDueAt],
  );
  return r.rowCount > 0;
}

export async function findWaiting(q: Queryable, sessionId: string, opts: { forUpdate?: boolean } = {}): Promise<WaitingRow | undefined> {
  const { rows } = await q.query<Raw>(`SELECT * FROM session_waiting WHERE session_id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [sessionId]);
  return rows[0] ? toWaitingRow(rows[0]) : undefined;
}

const LOCK_WAITING_ROWS = prepared(
  `SELECT ${WAITING_COLUMNS} FROM session_waiting WHERE session_id = ANY($1::text[]) ORDER BY session_id FOR UPDATE`,
);

/** The waiting rows of several sessions in one statement, locked in session id order (as every batch locks them). */
export async function lockWaitingRows(q: Queryable, sessionIds: readonly string[]): Promise<WaitingRow[]> {
  if (sessionIds.length === 0) return [];
  const { rows } = await q.query<Raw>(LOCK_WAITING_ROWS, [[...sessionIds]]);
  return rows.map(toWaitingRow);
}

export async function updateWaiting(
  q: Queryable,
  sessionId: string,
  set: Partial<Pick<WaitingRow, 'noAgentDueAt' | 'noAgentFiredAt' | 'agentSilentDueAt' | 'agentSilentFired' | 'firstReplyAt' | 'firstReplyBusinessSeconds' | 'leftUnansweredAt' | 'estimatedWaitSeconds' | 'estimateSamples'>> & { agentSilentFiredOnce?: true },
): Promise<void> {
  const columns: Record<string, string> = {
    noAgentDueAt: 'no_agent_due_at',
    noAgentFiredAt: 'no_agent_fired_at',
    agentSilentDueAt: 'agent_silent_due_at',
    agentSilentFired: 'agent_silent_fired',
    firstReplyAt: 'first_reply_at',
    firstReplyBusinessSeconds: 'first_reply_business_seconds',
    leftUnansweredAt: 'left_unanswered_at',
    estimatedWaitSeconds: 'estimated_wait_seconds',
    estimateSamples: 'estimate_samples',
  };
  const parts: string[] = [];
  const values: unknown[] = [sessionId];
  for (const [key, column] of Object.entries(columns)) {
    if (!(key in set)) continue;
    values.push((set as Record<string, unknown>)[key]);
    parts.push(`${column} = $${values.length}`);
  }
  if (set.agentSilentFiredOnce) parts.push('agent_silent_count = agent_silent_count + 1');
  if (parts.length === 0) return;
  await q.query(`UPDATE session_waiting SET ${parts.join(', ')} WHERE session_id = $1`, values);
}

/** The same new estimate for several waiting sessions (a first reply moved theirs materially). */
export async function setEstimates(q: Queryable, sessionIds: readonly string[], estimatedWaitSeconds: number | null, samples: number): Promise<void> {
  await q.query(`UPDATE session_waiting SET estimated_wait_seconds = $2, estimate_samples = $3 WHERE session_id = ANY($1::text[])`, [
    [...sessionIds],
    estimatedWaitSeconds,
    samples,
  ]);
}

/**
 * A timer is an outbox row due at its time: the worker's claim (SKIP LOCKED, lease, `locked_by` check on
 * completion) makes it fire once across relays and restarts, like any delivery. `dueAt` travels in the
 * payload so a firing can tell whether it is still the session's current timer.
 */
export async function scheduleTimer(q: Queryable, s: { id: string; tenantId: string; agentId: string }, kind: TimerKind, dueAt: Date): Promise<void> {
  await q.query(
    `INSERT INTO deliveries (id, tenant_id, agent_id, session_id, channel, kind, payload, next_attempt_at)
     VALUES ($1, $2, $3, $4, 'timer', $5, $6, $7)`,
    [newId('tmr'), s.tenantId, s.agentId, s.id, kind, JSON.stringify({ dueAt: dueAt.toISOString() }), dueAt],
  );
}

/**
 * Drops a session's pending timer of one kind. A pending timer of the session holds back its later
 * ones (deliveries go out in order per session and channel), so a cancelled one must not linger. A
 * worker holding it right now loses its completion (the `locked_by` row is gone) and does nothing.
 */
export async function cancelTimers(q: Queryable, sessionId: string, kind: TimerKind): Promise<void> {
  await q.query(`DELETE FROM deliveries WHERE session_id = $1 AND channel = 'timer' AND kind = $2 AND status = 'pending'`, [sessionId, kind]);
}

/**
 * The wait-estimate samples of one agent's sessions in a group at one hour of the week, accepted since `since`. First
 * replies: business seconds where the session counted business hours (recorded with the reply), wall-clock for the rest —
 * sessions without a schedule, and rows recorded before business seconds were (their schedule's holidays then are
 * unknown). Sessions nobody answered are censored samples, timed on their own schedule: those still waiting until `now`,
 * those that left the queue (the customer left, the AI took back, a timeout returned them) until they left — a customer
 * who gave up after 40 minutes waited at least 40 minutes. Rows from before that time was kept have none and are no sample.
 * One statement (read on every handoff and first reply); each part keeps its own newest 1000 rows.
 */
const WAIT_SAMPLES = prepared(
  `(SELECT true AS answered, COALESCE(first_reply_business_seconds, EXTRACT(EPOCH FROM (first_reply_at - accepted_at)))::float8 AS seconds,
           NULL::timestamptz AS accepted_at, NULL::jsonb AS policy, NULL::timestamptz AS until
      FROM session_waiting
     WHERE agent_id = $1 AND group_id IS NOT DISTINCT FROM $2 AND hour_of_week = $3 AND accepted_at >= $4 AND first_reply_at IS NOT NULL
     ORDER BY accepted_at DESC LIMIT 1000)
   UNION ALL
   (SELECT false, NULL, w.accepted_at, w.policy, NULL FROM session_waiting w JOIN sessions s ON s.id = w.session_id
     WHERE w.agent_id = $1 AND w.group_id IS NOT DISTINCT FROM $2 AND w.hour_of_week = $3 AND w.accepted_at >= $4 AND w.first_reply_at IS NULL
       AND s.state = 'waiting'
     ORDER BY w.accepted_at DESC LIMIT 1000)
   UNION ALL
   (SELECT false, NULL, w.accepted_at, w.policy, w.left_unanswered_at FROM session_waiting w JOIN sessions s ON s.id = w.session_id
     WHERE w.agent_id = $1 AND w.group_id IS NOT DISTINCT FROM $2 AND w.hour_of_week = $3 AND w.accepted_at >= $4 AND w.first_reply_at IS NULL
       AND w.left_unanswered_at IS NOT NULL AND s.state <> 'waiting'
     ORDER BY w.accepted_at DESC LIMIT 1000)`,
);

export async function waitSamples(q: Queryable, agentId: string, groupId: string | null, hourOfWeek: number, since: Date, now: Date): Promise<WaitSample[]> {
  const { rows } = await q.query<Raw>(WAIT_SAMPLES, [agentId, groupId, hourOfWeek, since]);
  return rows.map((r): WaitSample =>
    r.answered
      ? { seconds: Math.max(0, Number(r.seconds)), answered: true }
      : { seconds: waitSoFarSeconds((r.policy as WaitingPolicy).schedule ?? null, date(r.accepted_at)!, date(r.until) ?? now), answered: false },
  );
}
