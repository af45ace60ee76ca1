import type { Logger } from 'pino';
import type { Database, Queryable } from '../db/database.js';
import type { HelpdeskResolver } from '../helpdesk/helpdesk.js';
import type { DatabaseReachability } from '../db/reachability.js';
import { periodicJob } from '../jobs/periodic.js';
import { enqueue } from '../store/deliveries.js';
import { hasPendingSync } from '../store/zendesk-inbox.js';

/**
 * Zendesk retries webhooks little and sometimes not at all, so every RECONCILE_INTERVAL_MS each
 * connected tenant's changed tickets (incremental export) are checked against open sessions, and a
 * catch-up is queued for those that changed. The catch-up is idempotent (ticket-sync), so a poll
 * that overlaps a webhook relays nothing twice. One relay process polls a tenant per interval.
 */
export const RECONCILE_INTERVAL_MS = 60_000;
/** The first poll of a tenant looks back this far. */
export const RECONCILE_LOOKBACK_MS = 60 * 60 * 1000;

/**
 * A deleted ticket that names a `pending` session by its external id (`baton:<session id>`, its first ticket) was
 * deleted before the relay recorded it; its lost deletion event would have queued this catch-up, which accepts the
 * handoff on it and returns the session (outbox/pending-ticket-deleted.ts) rather than leave it to ticket.create's retries.
 */
async function queueDeletedBeforeRecorded(tx: Queryable, tenantId: string, deleted: ReadonlyArray<{ ticketId: string; externalId: string | null }>): Promise<number> {
  const bySession = new Map<string, string>();
  for (const d of deleted) {
    const sessionId = /^baton:(ses_[a-z0-9]{1,80})$/.exec(d.externalId ?? '')?.[1];
    if (sessionId) bySession.set(sessionId, d.ticketId);
  }
  if (bySession.size === 0) return 0;
  const { rows } = await tx.query<{ id: string; agent_id: string }>(
    `SELECT id, agent_id FROM sessions WHERE tenant_id = $1 AND id = ANY($2::text[]) AND state = 'pending' AND ticket_id IS NULL`,
    [tenantId, [...bySession.keys()]],
  );
  let queued = 0;
  for (const s of rows) {
    const ticketId = bySession.get(s.id)!;
    if (await hasPendingSync(tx, s.id, ticketId)) continue;
    await enqueue(tx, [{ tenantId, agentId: s.agent_id, sessionId: s.id, channel: 'inbound', kind: 'zendesk.sync', payload: { source: 'reconcile', ticket_id: ticketId, deleted: true } }]);
    queued++;
  }
  return queued;
}

export function createReconciler(deps: {
  db: Database;
  helpdeskFor: HelpdeskResolver;
  log: Logger;
  intervalMs?: number;
  onQueued?: () => void;
  reachability?: DatabaseReachability;
}) {
  const intervalMs = deps.intervalMs ?? RECONCILE_INTERVAL_MS;

  async function reconcileTenant(tenantId: string, cursor: string | null): Promise<number> {
    const helpdesk = await deps.helpdeskFor(tenantId);
    if (!helpdesk) return 0;
    const changed = await helpdesk.listChangedTickets(cursor, Date.now() - RECONCILE_LOOKBACK_MS);
    let queued = 0;
    await deps.db.transaction(async (tx) => {
      if (changed.ticketIds.length > 0) {
        // Every ticket a live session is or was on (a session that moved to a follow-up still owns the replies
        // written on its closed ticket before the close); the latest session per ticket.
        const { rows } = await tx.query<{ id: string; agent_id: string; ticket_id: string }>(
          `SELECT DISTINCT ON (st.ticket_id) s.id, s.agent_id, st.ticket_id
             FROM session_tickets st JOIN sessions s ON s.id = st.session_id
            WHERE st.tenant_id = $1 AND st.ticket_id = ANY($2::text[]) AND s.state IN ('waiting', 'human', 'returned')
            ORDER BY st.ticket_id, s.created_at DESC`,
          [tenantId, changed.ticketIds],
        );
        for (const s of rows) {
          if (await hasPendingSync(tx, s.id, s.ticket_id)) continue;
          await enqueue(tx, [{ tenantId, agentId: s.agent_id, sessionId: s.id, channel: 'inbound', kind: 'zendesk.sync', payload: { source: 'reconcile', ticket_id: s.ticket_id } }]);
          queued++;
        }
        queued += await queueDeletedBeforeRecorded(tx, tenantId, changed.deleted ?? []);
      }
      await tx.query(`UPDATE tenants SET zendesk_reconcile_cursor = $2 WHERE id = $1`, [tenantId, changed.cursor]);
    });
    return queued;
  }

  /** One pass over the tenants this process wins for this interval. */
  async function tick(): Promise<number> {
    const { rows } = await deps.db.query<{ id: string; zendesk_reconcile_cursor: string | null }>(
      `UPDATE tenants SET zendesk_reconciled_at = now()
        WHERE zendesk_credentials_enc IS NOT NULL
          AND (zendesk_reconciled_at IS NULL OR zendesk_reconciled_at < now() - ($1 || ' milliseconds')::interval)
        RETURNING id, zendesk_reconcile_cursor`,
      [String(Math.max(1, intervalMs - 1_000))],
    );
    let queued = 0;
    for (const tenant of rows) {
      try {
        queued += await reconcileTenant(tenant.id, tenant.zendesk_reconcile_cursor);
      } catch (error) {
        // The next interval tries again from the same cursor: nothing is skipped.
        deps.log.warn({ tenant: tenant.id, err: error }, 'reconciliation failed');
      }
    }
    if (queued > 0) deps.onQueued?.();
    return queued;
  }

  const job = periodicJob({
    intervalMs,
    tick,
    onError: (error) => deps.log.error({ err: error }, 'reconciliation tick failed'),
    ...(deps.reachability ? { database: { reachability: deps.reachability, job: 'reconciler' } } : {}),
  });
  return { tick, start: job.start, stop: job.stop };
}
