import type { Logger } from 'pino';
import type { BusinessSchedule } from '../core/business-hours.js';
import type { Helpdesk, HelpdeskSchedule, ScheduleList, UnmappedSchedule } from '../helpdesk/helpdesk.js';

/**
 * The account's business-hours schedules, per tenant, kept in memory. Schedules change rarely (an admin
 * edits them a few times a year, holidays once a year), and every relay would otherwise read them
 * for each handoff: refresh every 15 minutes, so an edit reaches new handoffs within a quarter hour.
 * A failed refresh keeps the last good copy; with none, the handoff goes on without business hours
 * (always open) — hours are a courtesy, the ticket is not.
 */
export const SCHEDULE_REFRESH_MS = 15 * 60_000;
export const RETRY_AFTER_FAILURE_MS = 60_000;

const NO_SCHEDULES: ScheduleList = { schedules: [], unmapped: [] };

export interface ScheduleCache {
  /** The schedules the relay computes with, default first. */
  get(tenantId: string, helpdesk: Helpdesk): Promise<HelpdeskSchedule[]>;
  /** Those and the ones left out for a time zone the relay cannot map, for showing to the admin. */
  list(tenantId: string, helpdesk: Helpdesk): Promise<ScheduleList>;
}

/** What the relay does instead of a schedule it cannot compute with: the same words for the log and the admin. */
export const UNMAPPED_SCHEDULE_EFFECT =
  'it is ignored: tickets that would count its hours use the first schedule the relay understands, or count as always open when there is none';

export function createScheduleCache(options: { now?: () => number; log?: Logger; refreshMs?: number } = {}): ScheduleCache {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? SCHEDULE_REFRESH_MS;
  const entries = new Map<string, { list: ScheduleList; fetchedAt: number }>();
  const inFlight = new Map<string, Promise<ScheduleList>>();
  // Once per schedule and zone in this process: every refresh (each quarter hour) would otherwise repeat it.
  const reported = new Set<string>();

  const reportUnmapped = (tenantId: string, unmapped: readonly UnmappedSchedule[]) => {
    for (const s of unmapped) {
      const key = JSON.stringify([tenantId, s.id, s.zendeskTimeZone]);
      if (reported.has(key)) continue;
      reported.add(key);
      options.log?.warn(
        { tenantId, scheduleId: s.id, scheduleName: s.name, zendeskTimeZone: s.zendeskTimeZone },
        `tenant ${tenantId}: the Zendesk schedule "${s.name}" (${s.id}) has the time zone "${s.zendeskTimeZone}", which the relay cannot map to an IANA zone; ${UNMAPPED_SCHEDULE_EFFECT}`,
      );
    }
  };

  async function refresh(tenantId: string, helpdesk: Helpdesk): Promise<ScheduleList> {
    try {
      const list = (await helpdesk.listSchedules?.()) ?? NO_SCHEDULES;
      entries.set(tenantId, { list, fetchedAt: now() });
      reportUnmapped(tenantId, list.unmapped);
      return list;
    } catch (error) {
      options.log?.warn({ err: error, tenantId }, 'could not read business hours from Zendesk; using the last known');
      // Try again in a minute, not on every handoff while Zendesk is down.
      const list = entries.get(tenantId)?.list ?? NO_SCHEDULES;
      entries.set(tenantId, { list, fetchedAt: now() - refreshMs + RETRY_AFTER_FAILURE_MS });
      return list;
    } finally {
      inFlight.delete(tenantId);
    }
  }

  const list = async (tenantId: string, helpdesk: Helpdesk): Promise<ScheduleList> => {
    const hit = entries.get(tenantId);
    if (hit && now() - hit.fetchedAt < refreshMs) return hit.list;
    // One read per tenant at a time: a burst of handoffs shares it.
    let pending = inFlight.get(tenantId);
    if (!pending) {
      pending = refresh(tenantId, helpdesk);
      inFlight.set(tenantId, pending);
    }
    return pending;
  };
  return { list, get: async (tenantId, helpdesk) => (await list(tenantId, helpdesk)).schedules };
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
