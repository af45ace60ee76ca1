import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKET_UPDATE_BUDGET, TICKET_UPDATE_WINDOW_MS, ticketUpdateDelayMs } from './ticket-update-budget.js';

describe('ticket update pacing', () => {
  it('lets the first updates of a window through at once', () => {
    expect(ticketUpdateDelayMs([], 0)).toBe(0);
    expect(ticketUpdateDelayMs([1, 2, 3], 10)).toBe(0);
  });

  it('spaces updates after the burst', () => {
    const recent = Array.from({ length: 10 }, (_, i) => 1_000 + i);
    expect(ticketUpdateDelayMs(recent, 2_000)).toBe(1_009 + 20_000 - 2_000);
  });

  it('never lets more than the budget through in any 10-minute window, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * 60 * 1000 }), { maxLength: 300 }), (arrivals) => {
        // A worker that always wants to send: it sends whenever the pacing allows.
        const sent: number[] = [];
        let now = 0;
        for (const at of [...arrivals].sort((a, b) => a - b)) {
          now = Math.max(now, at);
          now += ticketUpdateDelayMs(sent, now);
          sent.push(now);
        }
        for (const start of sent) {
          const inWindow = sent.filter((t) => t >= start && t < start + TICKET_UPDATE_WINDOW_MS);
          expect(inWindow.length).toBeLessThanOrEqual(TICKET_UPDATE_BUDGET);
        }
      }),
    );
  });
});
