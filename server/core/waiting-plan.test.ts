import { describe, expect, it } from 'vitest';
import type { BusinessSchedule } from './business-hours.js';
import { defaultHandoffMessage, offlineMessage, stillWaitingMessage, waitingLocale, WAITING_LOCALES } from './waiting-messages.js';
import { agentSilentDueAt, estimateChangedMaterially, pickSchedule, planWaitingStart } from './waiting-plan.js';
import { applyWaitingPatch, DEFAULT_WAITING_SETTINGS, readWaitingSettings } from './waiting-settings.js';

const DAY = 1440;
const berlin: BusinessSchedule = { timeZone: 'Europe/Berlin', intervals: [1, 2, 3, 4, 5].map((d) => ({ startMinute: d * DAY + 540, endMinute: d * DAY + 1020 })), holidays: [{ startDate: '2026-12-25', endDate: '2026-12-25' }] };
const tokyo: BusinessSchedule = { ...berlin, timeZone: 'Asia/Tokyo', holidays: [] };
const schedules = [{ id: '1', schedule: berlin }, { id: '2', schedule: tokyo }];

describe('waiting plan', () => {
  it('the ticket group picks its schedule; any other group gets the default', () => {
    expect(pickSchedule(schedules, '77', { 77: '2' })?.id).toBe('2');
    expect(pickSchedule(schedules, '78', { 77: '2' })?.id).toBe('1');
    expect(pickSchedule(schedules, null, {})?.id).toBe('1');
    expect(pickSchedule([], '77', { 77: '2' })).toBeNull();
  });

  it('inside hours: open, no next opening, timeout counted in business minutes', () => {
    const settings = applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { noAgentTimeout: { minutes: 30 } });
    const plan = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings, ruleId: null, schedule: schedules[0]! });
    expect(plan.withinBusinessHours).toBe(true);
    expect(plan.nextOpenAt).toBeNull();
    expect(plan.noAgentDueAt?.toISOString()).toBe('2026-06-03T10:30:00.000Z');
  });

  it('outside hours (a holiday): closed, next opening after it, the timeout starts counting then', () => {
    const settings = applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { noAgentTimeout: { minutes: 30 } });
    const plan = planWaitingStart({ now: new Date('2026-12-25T10:00:00Z'), settings, ruleId: null, schedule: schedules[0]! });
    expect(plan.withinBusinessHours).toBe(false);
    expect(plan.nextOpenAt?.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(plan.noAgentDueAt?.toISOString()).toBe('2026-12-28T08:30:00.000Z');
  });

  it('a rule override wins over the agent setting; business hours off means wall minutes and no hours', () => {
    const settings = applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { useBusinessHours: false, agentSilent: { minutes: 15 }, ruleOverrides: { rul_vip: { minutes: 5, action: 'raise_priority' } } });
    const plan = planWaitingStart({ now: new Date('2026-12-25T10:00:00Z'), settings, ruleId: 'rul_vip', schedule: schedules[0]! });
    expect(plan.withinBusinessHours).toBeNull();
    expect(plan.policy.noAgent.action).toBe('raise_priority');
    expect(plan.noAgentDueAt?.toISOString()).toBe('2026-12-25T10:05:00.000Z');
    expect(agentSilentDueAt(plan.policy, new Date('2026-12-25T10:00:00Z'))?.toISOString()).toBe('2026-12-25T10:15:00.000Z');
  });

  it('agent-silent counted in business minutes when the policy says so: a line at closing time is due the next morning', () => {
    const settings = applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { agentSilent: { minutes: 15, businessHours: true } });
    const plan = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings, ruleId: null, schedule: schedules[0]! });
    // Wednesday 16:50 in Berlin (14:50Z): 10 minutes left today, 5 more from Thursday 09:00 (07:00Z).
    expect(agentSilentDueAt(plan.policy, new Date('2026-06-03T14:50:00Z'))?.toISOString()).toBe('2026-06-04T07:05:00.000Z');
    // Inside hours with room to spare: the same as wall time.
    expect(agentSilentDueAt(plan.policy, new Date('2026-06-03T10:00:00Z'))?.toISOString()).toBe('2026-06-03T10:15:00.000Z');
    // Wall time (the default), or no schedule in use: 15 minutes as the clock counts them.
    const wall = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings: applyWaitingPatch(settings, { agentSilent: { businessHours: false } }), ruleId: null, schedule: schedules[0]! });
    expect(agentSilentDueAt(wall.policy, new Date('2026-06-03T14:50:00Z'))?.toISOString()).toBe('2026-06-03T15:05:00.000Z');
    const noHours = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings: applyWaitingPatch(settings, { useBusinessHours: false }), ruleId: null, schedule: schedules[0]! });
    expect(agentSilentDueAt(noHours.policy, new Date('2026-06-03T14:50:00Z'))?.toISOString()).toBe('2026-06-03T15:05:00.000Z');
    // A policy stored before the setting existed: wall time.
    const old = { ...plan.policy, agentSilent: { minutes: 15, tag: null, note: true } } as unknown as typeof plan.policy;
    expect(agentSilentDueAt(old, new Date('2026-06-03T14:50:00Z'))?.toISOString()).toBe('2026-06-03T15:05:00.000Z');
  });

  it('timers are off until an admin sets them', () => {
    const plan = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings: DEFAULT_WAITING_SETTINGS, ruleId: null, schedule: schedules[0]! });
    expect(plan.noAgentDueAt).toBeNull();
    expect(agentSilentDueAt(plan.policy, new Date())).toBeNull();
  });

  it('settings: a partial update keeps the rest; stored garbage falls back to defaults', () => {
    const s = applyWaitingPatch(DEFAULT_WAITING_SETTINGS, { agentSilent: { minutes: 5 } });
    expect(s.agentSilent).toEqual({ minutes: 5, businessHours: false, tag: 'baton_agent_silent', note: true });
    expect(readWaitingSettings({ noAgentTimeout: { minutes: 'soon' } })).toEqual(DEFAULT_WAITING_SETTINGS);
  });

  it('stored settings with one unknown or bad part keep every other part (timers stay on after a rollback)', () => {
    const stored = { noAgentTimeout: { minutes: 30, action: 'raise_priority', tag: 'Not A Tag' }, agentSilent: { minutes: 15 }, estimateMinSamples: 3, addedByANewerVersion: true };
    const s = readWaitingSettings(stored);
    expect(s.noAgentTimeout).toEqual({ ...DEFAULT_WAITING_SETTINGS.noAgentTimeout, minutes: 30, action: 'raise_priority' });
    expect(s.agentSilent.minutes).toBe(15);
    expect(s.estimateMinSamples).toBe(3);
    expect(readWaitingSettings('garbage')).toEqual(DEFAULT_WAITING_SETTINGS);
  });

  it('estimate: a move is material at 25 % and a minute, or between known and unknown', () => {
    expect(estimateChangedMaterially(300, 330)).toBe(false);
    expect(estimateChangedMaterially(300, 420)).toBe(true);
    expect(estimateChangedMaterially(null, 300)).toBe(true);
    expect(estimateChangedMaterially(null, null)).toBe(false);
  });
});

describe('default messages', () => {
  it('every UI locale has its own greeting, offline and still-waiting words', () => {
    const greetings = WAITING_LOCALES.map((l) => defaultHandoffMessage({ locale: l, withinBusinessHours: true, nextOpenAt: null, timeZone: null, estimatedWaitSeconds: null }));
    expect(new Set(greetings).size).toBe(WAITING_LOCALES.length);
    expect(new Set(WAITING_LOCALES.map(stillWaitingMessage)).size).toBe(WAITING_LOCALES.length);
  });

  it('mentions the next opening in the customer language and the schedule zone', () => {
    const ctx = { withinBusinessHours: false, nextOpenAt: new Date('2026-12-28T08:00:00Z'), timeZone: 'Europe/Berlin', estimatedWaitSeconds: 120 };
    expect(defaultHandoffMessage({ ...ctx, locale: 'de-AT' })).toContain('Montag');
    expect(defaultHandoffMessage({ ...ctx, locale: 'de-AT' })).toContain('09:00');
    expect(offlineMessage({ ...ctx, locale: 'fr' })).toContain('lundi');
    expect(defaultHandoffMessage({ ...ctx, locale: 'ja' })).toContain('月曜日');
  });

  it('names the date of an opening more than a week away, so "Monday" is not read as the coming one', () => {
    // Closed from Christmas Eve to New Year's Day: on Wednesday the 23rd after hours the team is back on Monday 4 January, not the 28th.
    const winter: BusinessSchedule = { ...berlin, holidays: [{ startDate: '2026-12-24', endDate: '2027-01-01' }] };
    const plan = planWaitingStart({ now: new Date('2026-12-23T17:00:00Z'), settings: DEFAULT_WAITING_SETTINGS, ruleId: null, schedule: { id: '1', schedule: winter } });
    expect(plan.nextOpenAt?.toISOString()).toBe('2027-01-04T08:00:00.000Z');
    const ctx = { withinBusinessHours: plan.withinBusinessHours, nextOpenAt: plan.nextOpenAt, timeZone: winter.timeZone };
    expect(offlineMessage({ ...ctx, locale: 'en' })).toContain('Monday, January 4');
    expect(offlineMessage({ ...ctx, locale: 'de' })).toContain('Montag, 4. Januar');
    expect(offlineMessage({ ...ctx, locale: 'fr' })).toContain('lundi 4 janvier');
    expect(offlineMessage({ ...ctx, locale: 'es' })).toContain('4 de enero');
    expect(offlineMessage({ ...ctx, locale: 'pt-BR' })).toContain('4 de janeiro');
    expect(offlineMessage({ ...ctx, locale: 'ja' })).toContain('1月4日');
  });

  it('a schedule closed all week: the customer hears the team is away, not the usual wait of open hours', () => {
    const closed: BusinessSchedule = { timeZone: 'Europe/Berlin', intervals: [], holidays: [] };
    const plan = planWaitingStart({ now: new Date('2026-06-03T10:00:00Z'), settings: DEFAULT_WAITING_SETTINGS, ruleId: null, schedule: { id: '1', schedule: closed } });
    expect(plan).toMatchObject({ withinBusinessHours: false, nextOpenAt: null });
    const ctx = { withinBusinessHours: plan.withinBusinessHours, nextOpenAt: plan.nextOpenAt, timeZone: closed.timeZone, estimatedWaitSeconds: 120 };
    const messages = WAITING_LOCALES.map((locale) => defaultHandoffMessage({ ...ctx, locale }));
    expect(messages[0]).toBe("I'm connecting you with a member of our team. They will reply here. Our team is away right now and will reply here as soon as they are back.");
    for (const m of messages) expect(m).not.toMatch(/2 (minutes|Minuten|minutos|分)|2分/);
    const offline = WAITING_LOCALES.map((locale) => offlineMessage({ ...ctx, locale }));
    expect(new Set(offline).size).toBe(WAITING_LOCALES.length);
    expect(offline.every((m) => m !== null && messages.some((full) => full.endsWith(m)))).toBe(true);
  });

  it('mentions the wait estimate inside hours', () => {
    const m = defaultHandoffMessage({ locale: 'pt-PT', withinBusinessHours: true, nextOpenAt: null, timeZone: null, estimatedWaitSeconds: 301 });
    expect(m).toContain('6 minutos');
    expect(waitingLocale('pt-PT')).toBe('pt-BR');
    expect(waitingLocale('xx')).toBe('en');
  });
});
