/**
 * Zendesk allows 30 updates per ticket per 10 minutes for one credential (reference/zendesk-api.md §2).
 * A chatty customer can send more lines than that, so the relay paces its writes to a ticket: the
 * first few go out at once (a live chat feels live), then one update per spacing interval, and never
 * more than the budget in any window. Lines that arrive meanwhile wait and go out together as one
 * comment, so nothing is dropped and the limit holds.
 */
export const TICKET_UPDATE_WINDOW_MS = 10 * 60 * 1000;
/** Below Zendesk's 30, leaving room for the agent-side tools that share the relay's credential. */
export const TICKET_UPDATE_BUDGET = 25;
/** Updates sent without pacing at the start of a window. */
export const TICKET_UPDATE_BURST = 10;
/** After the burst: one update per this interval (10 minutes / 30 updates). */
export const TICKET_UPDATE_SPACING_MS = 20_000;

/** How long to wait before the next update of a ticket, given the times (ms) of its recent updates. */
export function ticketUpdateDelayMs(recentUpdatesMs: readonly number[], nowMs: number, spacingMs = TICKET_UPDATE_SPACING_MS): number {
  const inWindow = recentUpdatesMs.filter((t) => t > nowMs - TICKET_UPDATE_WINDOW_MS).sort((a, b) => a - b);
  if (inWindow.length >= TICKET_UPDATE_BUDGET) {
    return inWindow[inWindow.length - TICKET_UPDATE_BUDGET]! + TICKET_UPDATE_WINDOW_MS - nowMs;
  }
  if (inWindow.length >= TICKET_UPDATE_BURST) return Math.max(0, inWindow.at(-1)! + spacingMs - nowMs);
  return 0;
}
