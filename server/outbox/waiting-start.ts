import { hourOfWeek } from '../core/business-hours.js';
import { estimateWait } from '../core/wait-estimate.js';
import { pickSchedule, planWaitingStart } from '../core/waiting-plan.js';
import { defaultHandoffMessage, offlineMessage } from '../core/waiting-messages.js';
import type { Database, Queryable } from '../db/database.js';
import type { Helpdesk } from '../helpdesk/helpdesk.js';
import { ESTIMATE_WINDOW_MS, startWaiting } from '../relay/waiting.js';
import type { SessionRow } from '../store/sessions.js';
import { findWaitingSettings, waitSamples } from '../store/waiting.js';
import { DEFAULT_WAITING_SETTINGS } from '../core/waiting-settings.js';
import type { ScheduleCache } from './schedule-cache.js';

/** What `handoff.accepted` adds about the wait (documented in README "Webhooks to the AI platform"). */
export interface AcceptedWaitingData {
  handoffMessage: string;
  handoffMessageSource: 'provided' | 'default';
  withinBusinessHours: boolean | null;
  nextOpenAt: string | null;
  offlineMessage: string | null;
  estimatedWaitSeconds: number | null;
  estimateSampleSize: number;
}

/**
 * Reads what the wait depends on (settings, the account's schedule through the cache, the relay's own
 * first replies) before the ticket's commit, and returns the commit-time part: store the waiting row and
 * arm the no-agent timer in the same transaction that accepts the handoff.
 */
export async function prepareWaiting(
  deps: { db: Database; schedules: ScheduleCache; now: () => Date },
  session: SessionRow,
  helpdesk: Helpdesk,
): Promise<{ data: AcceptedWaitingData; commit: (tx: Queryable, s: SessionRow) => Promise<void> }> {
  const settings = (await findWaitingSettings(deps.db, session.agentId)) ?? DEFAULT_WAITING_SETTINGS;
  const schedules = settings.useBusinessHours ? await deps.schedules.get(session.tenantId, helpdesk) : [];
  const groupId = session.routing.groupId === undefined || session.routing.groupId === null ? null : String(session.routing.groupId);
  const named = pickSchedule(schedules, groupId, settings.scheduleByGroup);
  const now = deps.now();
  const start = planWaitingStart({ now, settings, ruleId: session.rule?.id ?? null, schedule: named });
  const timeZone = start.policy.schedule?.timeZone ?? null;
  // The hour of the week in the schedule's zone (the team's week), UTC without one.
  const hour = hourOfWeek(now, timeZone ?? 'UTC');
  const estimate = estimateWait(await waitSamples(deps.db, session.agentId, groupId, hour, new Date(now.getTime() - ESTIMATE_WINDOW_MS), now), settings.estimateMinSamples);
  const messageContext = {
    locale: session.endUser.locale ?? null,
    withinBusinessHours: start.withinBusinessHours,
    nextOpenAt: start.nextOpenAt,
    timeZone,
    estimatedWaitSeconds: estimate.estimatedWaitSeconds,
  };
  const data: AcceptedWaitingData = {
    handoffMessage: session.handoffMessage ?? defaultHandoffMessage(messageContext),
    handoffMessageSource: session.handoffMessage ? 'provided' : 'default',
    withinBusinessHours: start.withinBusinessHours,
    nextOpenAt: start.nextOpenAt?.toISOString() ?? null,
    offlineMessage: offlineMessage(messageContext),
    estimatedWaitSeconds: estimate.estimatedWaitSeconds,
    estimateSampleSize: estimate.sampleSize,
  };
  return {
    data,
    commit: async (tx, s) => {
      // The accepted message is stored by the ticket_created transition itself (relay-handlers.ts passes data.handoffMessage).
      await startWaiting(tx, s, { start, groupId, acceptedAt: now, hourOfWeek: hour, estimate });
    },
  };
}
