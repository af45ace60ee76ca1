import type { Logger } from 'pino';
import type { BusinessSchedule } from '../core/business-hours.js';
import type { Helpdesk, HelpdeskSchedule } from '../helpdesk/helpdesk.js';

/**
 * The account's business-hours schedules, per tenant, kept in memory. Schedules change rarely (an admin
 * edits them a few times a year, holidays once a year), and every relay would otherwise read them
 * for each handoff: refresh every 15 minutes, so an edit reaches new handoffs within a quarter hour.
 * A failed refresh keeps the last good copy; with none, the handoff goes on without business hours
 * (always open) — hours are a courtesy, the ticket is not.
 */
export const SCHEDULE_REFRESH_MS = 15 * 60_000;
export const RETRY_AFTER_FAILURE_MS = 60_000;

export interface ScheduleCache {
  get(tenantId: string, helpdesk: Helpdesk): Promise<HelpdeskSchedule[]>;
}

export function createScheduleCache(options: { now?: () => number; log?: Logger; refreshMs?: number } = {}): ScheduleCache {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? SCHEDULE_REFRESH_MS;
  const entries = new Map<string, { schedules: HelpdeskSchedule[]; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<HelpdeskSchedule[]>>();

  async function refresh(tenantId: string, helpdesk: Helpdesk): Promise<HelpdeskSchedule[]> {
    try {
      const schedules = (await helpdesk.listSchedules?.()) ?? [];
      entries.set(tenantId, { schedules, fetchedAt: now() });
      return schedules;
    } catch (error) {
      options.log?.warn({ err: error, tenantId }, 'could not read business hours from Zendesk; using the last known');
      // Try again in a minute, not on every handoff while Zendesk is down.
      const schedules = entries.get(tenantId)?.schedules ?? [];
      entries.set(tenantId, { schedules, fetchedAt: now() - refreshMs + RETRY_AFTER_FAILURE_MS });
      return schedules;
    } finally {
      inFlight.delete(tenantId);
    }
  }

  return {
    async get(tenantId, helpdesk) {
      const hit = entries.get(tenantId);
      if (hit && now() - hit.fetchedAt < refreshMs) return hit.schedules;
      // One read per tenant at a time: a burst of handoffs shares it.
      let pending = inFlight.get(tenantId);
      if (!pending) {
        pending = refresh(tenantId, helpdesk);
        inFlight.set(tenantId, pending);
      }
      return pending;
    },
  };
}

/**
 * The schedule the rules' `business_hours` field is computed with, for an AI agent: the account's default
 * (no ticket, so no group yet); null when business hours are off, Zendesk is not connected, or it has none.
 */
export function createBusinessHoursLookup(deps: {
  cache: ScheduleCache;
  helpdeskFor: (tenantId: string) => Promise<Helpdesk | undefined>;
  useBusinessHours: (agentId: string) => Promise<boolean>;
}): (tenantId: string, agentId: string) => Promise<BusinessSchedule | null> {
  return async (tenantId, agentId) => {
    if (!(await deps.useBusinessHours(agentId))) return null;
    const helpdesk = await deps.helpdeskFor(tenantId);
    if (!helpdesk) return null;
    return (await deps.cache.get(tenantId, helpdesk))[0]?.schedule ?? null;
  };
}
