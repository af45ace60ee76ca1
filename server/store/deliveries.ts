import type { Queryable } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { DeliveryChannel } from '../core/events.js';
import { newId } from '../core/ids.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryRow {
  id: string;
  tenantId: string;
  agentId: string;
  sessionId: string;
  channel: DeliveryChannel;
  kind: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface NewDelivery {
  tenantId: string;
  agentId: string;
  sessionId: string;
  channel: DeliveryChannel;
  kind: string;
  payload: Record<string, unknown>;
}

const COLUMNS = `id, tenant_id, agent_id, session_id, channel, kind, payload, status, attempts, next_attempt_at,
  last_error, last_status, created_at, delivered_at`;

const QUALIFIED_COLUMNS = COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ');

type Raw = Record<string, unknown>;

const toDelivery = (r: Raw): DeliveryRow => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  agentId: r.agent_id as string,
  sessionId: r.session_id as string,
  channel: r.channel as DeliveryChannel,
  kind: r.kind as string,
  payload: r.payload as Record<string, unknown>,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at as Date,
  lastError: (r.last_error as string | null) ?? null,
  lastStatus: r.last_status === null || r.last_status === undefined ? null : Number(r.last_status),
  createdAt: r.created_at as Date,
  deliveredAt: (r.delivered_at as Date | null) ?? null,
});

const ENQUEUE = prepared(
  `INSERT INTO deliveries (id, tenant_id, agent_id, session_id, channel, kind, payload)
     SELECT d.id, d.tenant_id, d.agent_id, d.session_id, d.channel, d.kind, d.payload
       FROM jsonb_to_recordset($1::jsonb)
         AS d(id text, tenant_id text, agent_id text, session_id text, channel text, kind text, payload jsonb, ord int)
      ORDER BY ord`,
);

/**
 * Writes outbox rows. Always called inside the transaction of the change the rows announce, so a
 * crash either keeps both or neither. The delivery id doubles as `webhook-id` / idempotency key.
 */
export async function enqueue(q: Queryable, deliveries: readonly NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const ids = deliveries.map(() => newId('msg'));
  await q.query(
    ENQUEUE,
    [
      JSON.stringify(
        deliveries.map((d, i) => ({
          ord: i,
          id: ids[i],
          tenant_id: d.tenantId,
          agent_id: d.agentId,
          session_id: d.sessionId,
          channel: d.channel,
          kind: d.kind,
          payload: d.payload,
        })),
      ),
    ],
  );
  return ids;
}

const CLAIM_DUE = prepared(
  `WITH heads AS (
       SELECT d.seq, d.session_id, d.channel FROM deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND NOT EXISTS (
            SELECT 1 FROM deliveries e
             WHERE e.session_id = d.session_id AND e.channel = d.channel AND e.status = 'pending' AND e.seq < d.seq)
        ORDER BY d.next_attempt_at, d.seq
        LIMIT $2
        FOR UPDATE SKIP LOCKED),
     followers AS (
       SELECT f.seq FROM heads h JOIN deliveries f
           ON f.session_id = h.session_id AND f.channel = h.channel AND f.status = 'pending' AND f.seq > h.seq
        WHERE h.channel = ANY($4::text[])
          AND (SELECT count(*) <= $5 AND bool_and(x.next_attempt_at <= now() AND (x.locked_until IS NULL OR x.locked_until < now()))
                 FROM deliveries x
                WHERE x.session_id = h.session_id AND x.channel = h.channel AND x.status = 'pending' AND x.seq > h.seq AND x.seq <= f.seq)
        FOR UPDATE OF f)
     UPDATE deliveries SET locked_until = now() + ($3 || ' milliseconds')::interval, locked_by = $1,
            attempts = attempts + 1
      WHERE seq IN (SELECT seq FROM heads UNION ALL SELECT seq FROM followers)
     RETURNING seq, ${COLUMNS}`,
);

/**
 * Claims up to `limit` due deliveries, at most the oldest pending one per (session, channel), so each
 * session's deliveries go out in order. SKIP LOCKED lets relay processes sharing one PostgreSQL claim
 * disjoint rows; the lease (`locked_until`) hands a delivery to another worker only if its claimer
 * died, which is the one case where a receiver may see it twice (at-least-once; it dedupes on the id).
 *
 * On the channels in `chain.channels`, a claimed head brings the session's next pending deliveries with it
 * (up to `chain.max`, as long as each is due and unleased: a run in order, never one with a gap): an agent's
 * reply is a state change and a message, sent back to back instead of a claim apart. Nobody else can claim
 * them meanwhile (they are not heads while the head is pending). Each chain comes back in order, head first.
 */
export async function claimDue(
  q: Queryable,
  workerId: string,
  limit: number,
  leaseMs: number,
  chain: { channels: readonly DeliveryChannel[]; max: number } = { channels: [], max: 0 },
): Promise<DeliveryRow[][]> {
  const { rows } = await q.query<Raw>(
    CLAIM_DUE,
    [workerId, limit, String(leaseMs), chain.channels, chain.max],
  );
  const chains = new Map<string, Array<{ seq: bigint; row: DeliveryRow }>>();
  for (const r of rows) {
    const key = `${r.session_id as string}\u0000${r.channel as string}`;
    const list = chains.get(key) ?? [];
    list.push({ seq: BigInt(r.seq as string | number), row: toDelivery(r) });
    chains.set(key, list);
  }
  return [...chains.values()].map((list) => list.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)).map((x) => x.row));
}

const RELEASE_UNATTEMPTED = prepared(
  `UPDATE deliveries SET locked_until = NULL, locked_by = NULL, attempts = attempts - 1
      WHERE id = ANY($2::text[]) AND locked_by = $1 AND status = 'pending'`,
);

/** Gives back claimed deliveries that were not attempted (their chain stopped at an earlier failure). */
export async function releaseUnattempted(q: Queryable, workerId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    RELEASE_UNATTEMPTED,
    [workerId, [...ids]],
  );
}

const MARK_DELIVERED_MANY = prepared(
  `UPDATE deliveries d SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_status = v.s, last_error = NULL
       FROM (SELECT unnest($2::text[]) AS id, unnest($3::int[]) AS s) v
      WHERE d.id = v.id AND d.locked_by = $1 AND d.status = 'pending'`,
);

/**
 * Marks several successes in one statement (deliveries with nothing to commit, settled close together):
 * one write instead of one per callback under a burst. Same `locked_by` guard as markDelivered.
 */
export async function markDeliveredMany(q: Queryable, workerId: string, done: ReadonlyArray<{ id: string; status: number | null }>): Promise<void> {
  if (done.length === 0) return;
  await q.query(
    MARK_DELIVERED_MANY,
    [workerId, done.map((d) => d.id), done.map((d) => d.status)],
  );
}

const MARK_DELIVERED = prepared(
  `UPDATE deliveries SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_status = $3, last_error = NULL
      WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
);

/** Marks success; the `locked_by` check keeps a worker whose lease expired from overwriting a newer claim. */
export async function markDelivered(q: Queryable, id: string, workerId: string, status: number | null): Promise<boolean> {
  const r = await q.query(
    MARK_DELIVERED,
    [id, workerId, status],
  );
  return r.rowCount > 0;
}

const MARK_RETRY = prepared(
  `UPDATE deliveries SET next_attempt_at = now() + ($3 || ' milliseconds')::interval, locked_until = NULL,
            last_error = $4, last_status = $5
      WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
);

export async function markRetry(
  q: Queryable,
  id: string,
  workerId: string,
  delayMs: number,
  error: string,
  status: number | null,
): Promise<void> {
  await q.query(
    MARK_RETRY,
    [id, workerId, String(Math.round(delayMs)), error.slice(0, 2000), status],
  );
}

export async function markDead(q: Queryable, id: string, workerId: string, error: string, status: number | null): Promise<boolean> {
  const r = await q.query(
    `UPDATE deliveries SET status = 'dead', locked_until = NULL, last_error = $3, last_status = $4
      WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
    [id, workerId, error.slice(0, 2000), status],
  );
  return r.rowCount > 0;
}

export async function listDeliveries(
  q: Queryable,
  filter: { status?: DeliveryStatus; sessionId?: string; tenantId?: string; limit: number },
): Promise<DeliveryRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR session_id = $2) AND ($3::text IS NULL OR tenant_id = $3)
      ORDER BY seq LIMIT $4`,
    [filter.status ?? null, filter.sessionId ?? null, filter.tenantId ?? null, filter.limit],
  );
  return rows.map(toDelivery);
}

/** Puts dead deliveries back in the queue with a fresh attempt budget (operator replay). */
export async function replayDead(q: Queryable, filter: { id?: string; tenantId?: string }): Promise<number> {
  const r = await q.query(
    `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, locked_by = NULL
      WHERE status = 'dead' AND ($1::text IS NULL OR id = $1) AND ($2::text IS NULL OR tenant_id = $2)`,
    [filter.id ?? null, filter.tenantId ?? null],
  );
  return r.rowCount;
}

export async function outboxStats(q: Queryable): Promise<{ pending: number; dead: number; oldestPendingAgeMs: number }> {
  // A waiting timer (channel 'timer') is pending by design until its due time: it is not a backlog.
  const { rows } = await q.query<Raw>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'dead')::int AS dead,
            COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'pending')) * 1000, 0)::float8 AS oldest
       FROM deliveries WHERE status IN ('pending', 'dead') AND channel <> 'timer'`,
  );
  const r = rows[0]!;
  return { pending: Number(r.pending), dead: Number(r.dead), oldestPendingAgeMs: Number(r.oldest) };
}

/** Only safe when no other process can hold claims (the embedded database, after taking its lock). */
export async function releaseAllLeases(q: Queryable): Promise<void> {
  await q.query(`UPDATE deliveries SET locked_until = NULL WHERE status = 'pending' AND locked_until IS NOT NULL`);
}

/**
 * The pending deliveries of the same kind queued right behind `headId` in its session and channel,
 * with nothing of another kind between. They cannot be claimed while the head is pending (order),
 * so the head's worker may carry them along (burst coalescing) and mark them done with it.
 */
export async function pendingRunAfter(q: Queryable, headId: string, kind: string, limit: number): Promise<DeliveryRow[]> {
  const { rows } = await q.query<Raw>(
    `WITH head AS (SELECT session_id, channel, seq FROM deliveries WHERE id = $1),
          next_other AS (
            SELECT min(d.seq) AS seq FROM deliveries d, head
             WHERE d.session_id = head.session_id AND d.channel = head.channel AND d.seq > head.seq
               AND d.status = 'pending' AND d.kind <> $2)
     SELECT ${QUALIFIED_COLUMNS} FROM deliveries d, head, next_other
      WHERE d.session_id = head.session_id AND d.channel = head.channel AND d.seq > head.seq AND d.status = 'pending'
        AND d.kind = $2 AND (next_other.seq IS NULL OR d.seq < next_other.seq)
      ORDER BY d.seq LIMIT $3`,
    [headId, kind, limit],
  );
  return rows.map(toDelivery);
}

export async function markCarriedDelivered(q: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `UPDATE deliveries SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL
      WHERE id = ANY($1::text[]) AND status = 'pending'`,
    [[...ids]],
  );
}

/** Puts a claimed delivery back for later without spending an attempt. */
export async function markDeferred(q: Queryable, id: string, workerId: string, delayMs: number): Promise<void> {
  await q.query(
    `UPDATE deliveries SET next_attempt_at = now() + ($3 || ' milliseconds')::interval, locked_until = NULL,
            attempts = GREATEST(attempts - 1, 0)
      WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
    [id, workerId, String(Math.round(delayMs))],
  );
}

/** When this session's recent ticket updates went out (ms, database clock) and the database's now. */
export async function recentTicketUpdates(q: Queryable, sessionId: string): Promise<{ times: number[]; now: number }> {
  const { rows } = await q.query<{ at: number | null; now: number }>(
    `SELECT (EXTRACT(EPOCH FROM d.delivered_at) * 1000)::float8 AS at, (EXTRACT(EPOCH FROM now()) * 1000)::float8 AS now
       FROM (SELECT 1) one
       LEFT JOIN deliveries d ON d.session_id = $1 AND d.channel = 'helpdesk' AND d.status = 'delivered'
        AND d.kind IN ('ticket.end_user_message', 'ticket.note') AND d.locked_by IS NOT NULL
        AND d.delivered_at > now() - interval '10 minutes'`,
    [sessionId],
  );
  return { times: rows.filter((r) => r.at !== null).map((r) => Number(r.at)), now: Number(rows[0]?.now ?? Date.now()) };
}

/**
 * Remembers which queued rows a head delivery carries, before the helpdesk call: after a crash the
 * retry re-sends exactly the same comment, which it can then recognise on the ticket.
 */
export async function pinCarriedGroup(q: Queryable, headId: string, carriedIds: readonly string[], firstAttemptAt: Date): Promise<void> {
  await q.query(
    `UPDATE deliveries SET payload = payload || jsonb_build_object('group', $2::jsonb, 'firstAttemptAt', $3::text)
      WHERE id = $1 AND status = 'pending'`,
    [headId, JSON.stringify(carriedIds), firstAttemptAt.toISOString()],
  );
}

/**
 * The session still has a write queued (or being retried) that sets its ticket's status: the ticket's
 * creation, or Return to AI (which solves it). A later handoff of the conversation reuses that ticket,
 * so it must not reopen it before these land — a late "solved" would return the new session.
 */
export async function hasPendingTicketStatusWrite(q: Queryable, sessionId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM deliveries WHERE session_id = $1 AND kind IN ('ticket.create', 'ticket.return_to_ai') AND status = 'pending' LIMIT 1`,
    [sessionId],
  );
  return rows.length > 0;
}

export async function deliveriesByIds(q: Queryable, ids: readonly string[]): Promise<DeliveryRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<Raw>(`SELECT ${COLUMNS} FROM deliveries WHERE id = ANY($1::text[]) ORDER BY seq`, [[...ids]]);
  return rows.map(toDelivery);
}
