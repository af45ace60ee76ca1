import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type SessionState } from './session-machine.js';
import { planWaitingChange, type WaitingChange, type WaitingPolicy, type WaitingTimers } from './waiting-plan.js';
import { DEFAULT_WAITING_SETTINGS } from './waiting-settings.js';

const policy = (minutes: number | null): WaitingPolicy => ({
  noAgent: { ...DEFAULT_WAITING_SETTINGS.noAgentTimeout, minutes, businessHours: false },
  agentSilent: DEFAULT_WAITING_SETTINGS.agentSilent,
  schedule: null,
  scheduleId: null,
  estimateMinSamples: 5,
});
const at = new Date('2026-12-01T10:00:00Z');
const row = (over: Partial<WaitingTimers> = {}): WaitingTimers => ({
  policy: policy(30),
  acceptedAt: new Date(at.getTime() - 3_600_000),
  noAgentDueAt: null,
  agentSilentDueAt: null,
  agentSilentFired: false,
  firstReplyAt: null,
  ...over,
});

/** The row as the one-row statements leave it (relay/waiting.ts applyWaitingChange). */
function applied(w: WaitingTimers, c: WaitingChange): WaitingTimers {
  return {
    ...w,
    noAgentDueAt: c.armNoAgentAt ?? (c.clearNoAgent ? null : w.noAgentDueAt),
    agentSilentDueAt: c.clearAgentSilent ? null : w.agentSilentDueAt,
    agentSilentFired: c.clearAgentSilent ? false : w.agentSilentFired,
    firstReplyAt: c.firstReplyAt ?? w.firstReplyAt,
  };
}

describe('waiting change plan', () => {
  it('a first reply answers the no-agent timer and is a new estimate sample', () => {
    const w = row({ noAgentDueAt: new Date(at.getTime() + 60_000) });
    expect(planWaitingChange(w, { moved: { from: 'waiting', to: 'human' }, agentAnswered: true }, at)).toEqual({
      clearNoAgent: true,
      clearAgentSilent: false,
      armNoAgentAt: null,
      firstReplyAt: at,
      // No schedule: the sample is wall-clock time (waitSamples falls back to it).
      firstReplyBusinessSeconds: null,
      leftUnansweredAt: null,
    });
    // A session that had its first reply already is not a second sample.
    expect(planWaitingChange({ ...w, firstReplyAt: at }, { moved: { from: 'waiting', to: 'human' }, agentAnswered: true }, at).firstReplyAt).toBeNull();
  });

  it("a first reply on a schedule is a sample in business seconds: Friday 16:30 answered Monday 09:10 waited 40 minutes", () => {
    const schedule = { timeZone: 'Europe/Berlin', intervals: [1, 2, 3, 4, 5].map((d) => ({ startMinute: d * 1440 + 540, endMinute: d * 1440 + 1020 })), holidays: [] };
    const w = row({ policy: { ...policy(null), schedule, scheduleId: '1' }, acceptedAt: new Date('2026-06-05T14:30:00Z') });
    const monday = new Date('2026-06-08T07:10:00Z');
    const change = planWaitingChange(w, { moved: { from: 'waiting', to: 'human' }, agentAnswered: true }, monday);
    expect(change).toMatchObject({ firstReplyAt: monday, firstReplyBusinessSeconds: 40 * 60 });
  });

  it('back in the queue before anyone answered: a new no-agent timer; after an answer, none', () => {
    const reopened = { moved: { from: 'human' as const, to: 'waiting' as const }, agentAnswered: false };
    expect(planWaitingChange(row(), reopened, at).armNoAgentAt).toEqual(new Date(at.getTime() + 30 * 60_000));
    expect(planWaitingChange(row({ firstReplyAt: at }), reopened, at).armNoAgentAt).toBeNull();
    // Entering the queue from 'pending' is the start, whose timer startWaiting armed.
    expect(planWaitingChange(row(), { moved: { from: 'pending', to: 'waiting' }, agentAnswered: false }, at).armNoAgentAt).toBeNull();
    expect(planWaitingChange(row({ policy: policy(null) }), reopened, at).armNoAgentAt).toBeNull();
  });

  it('leaving the queue before anyone answered is a censored wait-estimate sample, kept with its time', () => {
    for (const to of ['returned', 'ended'] as const) {
      expect(planWaitingChange(row(), { moved: { from: 'waiting', to }, agentAnswered: false }, at).leftUnansweredAt).toEqual(at);
      // Answered (or taken over) before: its first reply is its sample already.
      expect(planWaitingChange(row({ firstReplyAt: at }), { moved: { from: 'waiting', to }, agentAnswered: false }, at).leftUnansweredAt).toBeNull();
      expect(planWaitingChange(row(), { moved: { from: 'human', to }, agentAnswered: false }, at).leftUnansweredAt).toBeNull();
    }
  });

  it('a silence ends when the agent answers or the session leaves the human, not on a move to the human', () => {
    const silent = row({ agentSilentFired: true });
    expect(planWaitingChange(silent, { moved: null, agentAnswered: true }, at).clearAgentSilent).toBe(true);
    expect(planWaitingChange(silent, { moved: { from: 'human', to: 'returned' }, agentAnswered: false }, at).clearAgentSilent).toBe(true);
    expect(planWaitingChange(silent, { moved: { from: 'waiting', to: 'human' }, agentAnswered: false }, at).clearAgentSilent).toBe(false);
    expect(planWaitingChange(row(), { moved: null, agentAnswered: true }, at)).toEqual({ clearNoAgent: false, clearAgentSilent: false, armNoAgentAt: null, firstReplyAt: null, firstReplyBusinessSeconds: null, leftUnansweredAt: null });
  });

  it('a transition and an answer planned together leave the row as the two planned one after the other', () => {
    const state = fc.constantFrom<SessionState>(...SESSION_STATES);
    const maybeDate = fc.option(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({ noAgentDueAt: maybeDate, agentSilentDueAt: maybeDate, agentSilentFired: fc.boolean(), firstReplyAt: maybeDate, minutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }) }),
        fc.option(fc.record({ from: state, to: state }), { nil: null }),
        ({ minutes, ...timers }, moved) => {
          const w: WaitingTimers = { policy: policy(minutes), acceptedAt: at, ...timers };
          const first = applied(w, planWaitingChange(w, { moved, agentAnswered: false }, at));
          const sequential = applied(first, planWaitingChange(first, { moved: null, agentAnswered: true }, at));
          expect(applied(w, planWaitingChange(w, { moved, agentAnswered: true }, at))).toEqual(sequential);
        },
      ),
    );
  });
});
