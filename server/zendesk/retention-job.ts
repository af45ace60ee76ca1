import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { DatabaseReachability } from '../db/reachability.js';
import { periodicJob } from '../jobs/periodic.js';
import { purgeInbox, purgeOAuthStates, purgeUsedConnectLinks } from '../store/retention.js';
import { OAUTH_STATE_TTL_MS } from './oauth-routes.js';

/**
 * Zendesk retries a webhook invocation for hours at most; a week of invocation ids covers that with
 * room to spare, and older rows only hold ticket data nobody reads.
 */
export const INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface PurgeCounts {
  inbox: number;
  oauthStates: number;
  connectLinks: number;
}

/**
 * Deletes what the relay keeps only for a while: processed Zendesk webhook invocations past their
 * retention, OAuth flows never completed, and records of used connect links that have expired. Every
 * statement is idempotent and skips rows another relay is deleting, so any number of relays may run it.
 */
export function createRetentionJob(deps: { db: Database; log: Logger; intervalMs: number; now?: () => Date; reachability?: DatabaseReachability }) {
  async function tick(): Promise<PurgeCounts> {
    const now = deps.now?.() ?? new Date();
    return {
      inbox: await purgeInbox(deps.db, new Date(now.getTime() - INBOX_RETENTION_MS)),
      oauthStates: await purgeOAuthStates(deps.db, new Date(now.getTime() - OAUTH_STATE_TTL_MS)),
      connectLinks: await purgeUsedConnectLinks(deps.db, now),
    };
  }

  const job = periodicJob({
    intervalMs: deps.intervalMs,
    firstRunAfterMs: Math.min(deps.intervalMs, 60_000),
    tick,
    onResult: (counts) => void (counts.inbox + counts.oauthStates + counts.connectLinks > 0 && deps.log.info(counts, 'purged expired rows')),
    onError: (error) => deps.log.warn({ err: error }, 'purge failed; the next tick tries again'),
    ...(deps.reachability ? { database: { reachability: deps.reachability, job: 'purge' } } : {}),
  });
  return { tick, start: job.start, stop: job.stop };
}
