/**
 * How long deliveries stay signed with an AI agent's previous webhook secret after a rotation: a day for the platform to
 * deploy the new one. Without it, every delivery signed after the switch was refused by the platform's receiver
 * (still holding the old secret) and retried until the platform caught up. 0 drops the old secret at once (a leak).
 */
export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;
/** The most an operator may ask for: a secret kept longer than a week is no longer being rotated. */
export const MAX_WEBHOOK_SECRET_OVERLAP_HOURS = 168;

const HOUR_MS = 3_600_000;

/** When the previous secret stops being signed with, for a rotation at `now`; null = not kept at all. */
export function previousSecretUntil(now: Date, overlapHours: number = WEBHOOK_SECRET_OVERLAP_HOURS): Date | null {
  return overlapHours > 0 ? new Date(now.getTime() + overlapHours * HOUR_MS) : null;
}

/**
 * The secrets a delivery at `now` is signed with: the current one first, then the previous one while its window lasts.
 * Receivers accept a delivery when any signature in the header matches their secret (Standard Webhooks).
 */
export function signingSecrets<S>(current: S, previous: S | null, previousUntil: Date | null, now: Date): S[] {
  return previous !== null && previousUntil !== null && now.getTime() < previousUntil.getTime() ? [current, previous] : [current];
}
