import { describe, expect, it } from 'vitest';
import type { Helpdesk, HelpdeskSchedule } from '../helpdesk/helpdesk.js';
import { createScheduleCache, RETRY_AFTER_FAILURE_MS, SCHEDULE_REFRESH_MS } from './schedule-cache.js';

const schedule = (id: string): HelpdeskSchedule => ({ id, name: id, schedule: { timeZone: 'UTC', intervals: [], holidays: [] } });

describe('schedule cache', () => {
  it('reads once per refresh period, shares a read in flight, and keeps the last copy when Zendesk fails', async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    const helpdesk = {
      async listSchedules() {
        reads++;
        if (fail) throw new Error('Zendesk down');
        return { schedules: [schedule(`s${reads}`)], unmapped: [] };
      },
    } as unknown as Helpdesk;
    const cache = createScheduleCache({ now: () => now });
    const [a, b] = await Promise.all([cache.get('t1', helpdesk), cache.get('t1', helpdesk)]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
    now += SCHEDULE_REFRESH_MS - 1;
    expect((await cache.get('t1', helpdesk))[0]!.id).toBe('s1');
    expect(reads).toBe(1);
    now += 1;
    expect((await cache.get('t1', helpdesk))[0]!.id).toBe('s2');
    now += SCHEDULE_REFRESH_MS;
    fail = true;
    expect((await cache.get('t1', helpdesk))[0]!.id).toBe('s2');
    expect(reads).toBe(3);
    // A failed read is retried after a minute, not on every handoff.
    expect((await cache.get('t1', helpdesk))[0]!.id).toBe('s2');
    expect(reads).toBe(3);
    now += RETRY_AFTER_FAILURE_MS;
    fail = false;
    expect((await cache.get('t1', helpdesk))[0]!.id).toBe('s4');
    fail = true;
    // Never read before and Zendesk fails: no hours (always open), the handoff goes on.
    expect(await cache.get('t2', helpdesk)).toEqual([]);
  });
});
