/**
 * The pure decisions behind "the customer is never left waiting in silence": which schedule applies,
 * whether the team is in, when each timer is due, and what the wait estimate is. No clock, no I/O:
 * the caller passes `now` and the schedules it read.
 */
import { addBusinessMinutes, businessMsBetween, isOpen, nextOpenAt, type BusinessSchedule } from './business-hours.js';
import type { SessionState } from './session-machine.js';
import { noAgentTimeoutFor, type NoAgentTimeout, type WaitingSettings } from './waiting-settings.js';

export interface NamedSchedule {
  id: string;
  schedule: BusinessSchedule;
}

/** The ticket's group decides (via the agent's group → schedule map); otherwise the default, listed first. */
export function pickSchedule(schedules: readonly NamedSchedule[], groupId: string | null, scheduleByGroup: Record<string, string>): NamedSchedule | null {
  const mapped = groupId ? scheduleByGroup[groupId] : undefined;
  return (mapped && schedules.find((s) => s.id === mapped)) || schedules[0] || null;
}

/** What a session keeps from the settings at the moment its ticket exists: later changes do not touch it. */
export interface WaitingPolicy {
  noAgent: NoAgentTimeout;
  agentSilent: WaitingSettings['agentSilent'];
  /** The schedule that counts business minutes for this session (null: none, always open). */
  schedule: BusinessSchedule | null;
  scheduleId: string | null;
  estimateMinSamples: number;
}

export interface WaitingStart {
  policy: WaitingPolicy;
  /** null when business hours are not in use (no schedule, or switched off). */
  withinBusinessHours: boolean | null;
  nextOpenAt: Date | null;
  noAgentDueAt: Date | null;
}

export function planWaitingStart(input: {
  now: Date;
  settings: WaitingSettings;
  ruleId: string | null;
  schedule: NamedSchedule | null;
}): WaitingStart {
  const named = input.settings.useBusinessHours ? input.schedule : null;
  const policy: WaitingPolicy = {
    noAgent: noAgentTimeoutFor(input.settings, input.ruleId),
    agentSilent: input.settings.agentSilent,
    schedule: named?.schedule ?? null,
    scheduleId: named?.id ?? null,
    estimateMinSamples: input.settings.estimateMinSamples,
  };
  const open = policy.schedule ? isOpen(policy.schedule, input.now) : null;
  return {
    policy,
    withinBusinessHours: open,
    nextOpenAt: open === false && policy.schedule ? nextOpenAt(policy.schedule, input.now) : null,
    noAgentDueAt: noAgentDueAt(policy, input.now),
  };
}

/** Minutes after `from`, in business minutes when the policy says so and a schedule exists. */
export function noAgentDueAt(policy: WaitingPolicy, from: Date): Date | null {
  const { minutes, businessHours } = policy.noAgent;
  if (minutes === null) return null;
  if (businessHours && policy.schedule) return addBusinessMinutes(policy.schedule, from, minutes);
  return new Date(from.getTime() + minutes * 60_000);
}

/** The customer wrote at `wroteAt` while a human owns the session; null when the nudge is off. */
export function agentSilentDueAt(policy: WaitingPolicy, wroteAt: Date): Date | null {
  const { minutes, businessHours } = policy.agentSilent;
  if (minutes === null) return null;
  // Policies stored before the setting existed have no `businessHours`: wall time, as they were made with.
  if (businessHours && policy.schedule) return addBusinessMinutes(policy.schedule, wroteAt, minutes);
  return new Date(wroteAt.getTime() + minutes * 60_000);
}

/**
 * A first reply as a wait-estimate sample on the session's own schedule: the open time between handoff and reply, so
 * a handoff at 16:30 on a Friday answered on Monday at 09:10 waits 40 minutes, not 64 hours. Null without a schedule
 * (business hours off or none read): then wall-clock time is the wait.
 */
export function firstReplyBusinessSeconds(policy: WaitingPolicy, acceptedAt: Date, firstReplyAt: Date): number | null {
  return policy.schedule ? businessMsBetween(policy.schedule, acceptedAt, firstReplyAt) / 1000 : null;
}

/** Worth telling the platform: known ↔ unknown, or a move of at least 25 % and at least a minute. */
export function estimateChangedMaterially(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return before !== after;
  const delta = Math.abs(after - before);
  return delta >= 60 && delta >= 0.25 * before;
}

/** The parts of a session's waiting row that its lifecycle changes. */
export interface WaitingTimers {
  policy: WaitingPolicy;
  acceptedAt: Date;
  noAgentDueAt: Date | null;
  agentSilentDueAt: Date | null;
  agentSilentFired: boolean;
  firstReplyAt: Date | null;
}

/** What a waiting row needs after a transition and/or an agent's public answer. */
export interface WaitingChange {
  /** The no-agent timer is answered or moot: cancel it and clear its due time. */
  clearNoAgent: boolean;
  /** The agent-silent silence is over: cancel its timer and clear its state. */
  clearAgentSilent: boolean;
  /** Back in the queue with nobody having answered yet: a new no-agent timer, due then. */
  armNoAgentAt: Date | null;
  /** This is the session's first reply (a new sample for the wait estimate). */
  firstReplyAt: Date | null;
  /** That sample in business seconds, when the session counts business hours (null: wall-clock applies). */
  firstReplyBusinessSeconds: number | null;
  /**
   * The session left the queue before anyone answered (ended, or returned to the AI): when. The wait estimate counts it
   * as a censored sample, a wait of at least this long.
   */
  leftUnansweredAt: Date | null;
}

/**
 * The one decision behind every waiting-row change of the lifecycle, for the one-event path (relay/waiting.ts) and
 * the set-based group commit of Zendesk events (zendesk/event-batch.ts) alike. `moved` and `agentAnswered` together
 * decide as the transition followed by the answer would, one after the other.
 */
export function planWaitingChange(
  w: WaitingTimers,
  change: { moved: { from: SessionState; to: SessionState } | null; agentAnswered: boolean },
  at: Date,
): WaitingChange {
  const { moved, agentAnswered } = change;
  const silent = w.agentSilentDueAt !== null || w.agentSilentFired;
  // Back in the queue (a follow-up ticket, a reopen) with nobody having answered: a new wait, a new no-agent timer.
  const firstReplyAt = moved !== null && moved.from === 'waiting' && moved.to === 'human' && !w.firstReplyAt ? at : null;
  const requeued = moved !== null && moved.to === 'waiting' && moved.from !== 'pending' && !w.firstReplyAt && !w.noAgentDueAt;
  const leftUnanswered = moved !== null && moved.from === 'waiting' && (moved.to === 'returned' || moved.to === 'ended') && !w.firstReplyAt;
  return {
    clearNoAgent: moved !== null && moved.to !== 'waiting' && w.noAgentDueAt !== null,
    // Leaving the human's hands ends a silence; so does the human answering.
    clearAgentSilent: silent && (agentAnswered || (moved !== null && moved.to !== 'human')),
    armNoAgentAt: requeued ? noAgentDueAt(w.policy, at) : null,
    firstReplyAt,
    firstReplyBusinessSeconds: firstReplyAt ? firstReplyBusinessSeconds(w.policy, w.acceptedAt, firstReplyAt) : null,
    leftUnansweredAt: leftUnanswered ? at : null,
  };
}
