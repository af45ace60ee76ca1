import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessSchedule } from './business-hours.js';
import { estimateWait, waitSoFarSeconds, type WaitSample } from './wait-estimate.js';

const replied = (seconds: number): WaitSample => ({ seconds, answered: true });
const waiting = (seconds: number): WaitSample => ({ seconds, answered: false });

describe('the wait estimate', () => {
  it('is the median first reply, null below the minimum number of first replies', () => {
    expect(estimateWait([60, 600, 120, 180, 240].map(replied), 5)).toEqual({ estimatedWaitSeconds: 180, sampleSize: 5 });
    expect(estimateWait([60, 120, 180, 240].map(replied), 4)).toEqual({ estimatedWaitSeconds: 150, sampleSize: 4 });
    expect(estimateWait([60, 600].map(replied), 5)).toEqual({ estimatedWaitSeconds: null, sampleSize: 2 });
    // Customers still waiting never make an estimate known on their own: they only say how long a wait is at least.
    expect(estimateWait([...[60, 600].map(replied), ...[900, 900, 900].map(waiting)], 5)).toEqual({ estimatedWaitSeconds: null, sampleSize: 2 });
  });

  it('counts customers still waiting when agents are swamped: five quick replies and twenty customers unanswered for 30 minutes is at least 30 minutes, not 1', () => {
    const samples = [...Array.from({ length: 5 }, () => replied(60)), ...Array.from({ length: 20 }, () => waiting(1800))];
    expect(estimateWait(samples, 5)).toEqual({ estimatedWaitSeconds: 1800, sampleSize: 5 });
  });

  it('lets a few short waits so far change nothing: a customer who arrived a minute ago is no evidence of a long wait', () => {
    const answered = [60, 120, 180, 240, 300].map(replied);
    expect(estimateWait([...answered, waiting(10), waiting(30)], 5).estimatedWaitSeconds).toBe(180);
  });

  it('reads the median off the survival curve: a wait so far removes its customer from the later replies\' risk set', () => {
    // 100 (S = 5/6), the wait of 150 leaves the risk set, 200 (S = 5/6 · 3/4 = 0.625), 300 (S = 0.625 · 2/3 ≈ 0.417 < 0.5).
    expect(estimateWait([replied(100), waiting(150), replied(200), replied(300), replied(400), replied(500)], 5).estimatedWaitSeconds).toBe(300);
    // One customer waiting longer than every reply moves it from 250 (the replies' own median) to 300.
    expect(estimateWait([100, 200, 300, 400].map(replied).concat([waiting(1000)]), 4).estimatedWaitSeconds).toBe(300);
  });

  it('is never below the median of the first replies alone, and equals it with nobody waiting (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 30 }), (answered, stillWaiting) => {
      const plain = estimateWait(answered.map(replied), 1).estimatedWaitSeconds!;
      const sorted = [...answered].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      expect(plain).toBe(Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2));
      expect(estimateWait([...answered.map(replied), ...stillWaiting.map(waiting)], 1).estimatedWaitSeconds!).toBeGreaterThanOrEqual(Math.min(...answered));
    }));
  });
});

describe('a wait so far', () => {
  const weekdays: BusinessSchedule = { timeZone: 'UTC', intervals: [1, 2, 3, 4, 5].map((d) => ({ startMinute: d * 1440 + 540, endMinute: d * 1440 + 1020 })), holidays: [] };

  it('is timed like a first reply: open time on its schedule, wall-clock without one', () => {
    // Friday 16:30 UTC to Monday 09:10 UTC: 40 open minutes.
    expect(waitSoFarSeconds(weekdays, new Date('2026-06-05T16:30:00Z'), new Date('2026-06-08T09:10:00Z'))).toBe(2400);
    expect(waitSoFarSeconds(null, new Date('2026-06-05T16:30:00Z'), new Date('2026-06-05T16:45:00Z'))).toBe(900);
    expect(waitSoFarSeconds(null, new Date('2026-06-05T16:45:00Z'), new Date('2026-06-05T16:30:00Z'))).toBe(0);
  });
});
