import type { FailureKind } from '../core/retry-schedule.js';

/** What a delivery handler throws to tell the worker how the attempt failed. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly status: number | null = null,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Not a failure: the delivery must wait (e.g. a ticket's update budget). Does not count as an attempt. */
export class DeliveryDeferred extends Error {
  constructor(readonly delayMs: number) {
    super(`deferred for ${delayMs} ms`);
  }
}
