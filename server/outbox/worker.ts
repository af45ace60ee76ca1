import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { claimBackoffMs, nextRetry, type Failure, type RetryDecision } from '../core/retry-schedule.js';
import type { Database, Queryable } from '../db/database.js';
import { createDatabaseReachability, type DatabaseReachability } from '../db/reachability.js';
import type { DeliveryChannel } from '../core/events.js';
import { claimDue, markDead, markDeferred, markDelivered, markDeliveredMany, markRetry, releaseUnattempted, type DeliveryRow } from '../store/deliveries.js';
import { DeliveryDeferred, DeliveryError } from './delivery-error.js';

export interface HandlerOutcome {
  status?: number | null;
  /** Runs in the transaction that marks the delivery done (e.g. record the ticket id, move the session). */
  commit?: (tx: Queryable) => Promise<void>;
}

export interface DeliveryHandlers {
  handle(delivery: DeliveryRow): Promise<HandlerOutcome>;
  /** Runs in the transaction that dead-letters a delivery (e.g. fail the session, tell the platform). */
  onDead?(tx: Queryable, delivery: DeliveryRow, error: DeliveryError): Promise<void>;
}

export interface OutboxWorkerOptions {
  db: Database;
  handlers: DeliveryHandlers;
  log: Logger;
  concurrency: number;
  /** How often an idle worker looks for due rows written by other processes or scheduled retries. */
  pollIntervalMs?: number;
  /** A claimed row returns to the pool after this long if its worker vanished. Must exceed handler timeouts. */
  leaseMs?: number;
  random?: () => number;
  /** (attempts made, failure, random) → retry or not; the pure schedule by default. Tests shorten it. */
  retryPolicy?: (attemptsMade: number, failure: Failure, random: number) => RetryDecision;
  onSettled?: (delivery: DeliveryRow, outcome: 'delivered' | 'retry' | 'dead', status: number | null) => void;
  /** The process's view of its database, shared with the periodic jobs so an outage is logged once. */
  reachability?: DatabaseReachability;
}

export interface OutboxWorker {
  readonly id: string;
  start(): void;
  /** Asks the loop to look for work now (called after a commit that enqueued deliveries). */
  wake(): void;
  stop(): Promise<void>;
}

export const DEFAULT_POLL_INTERVAL_MS = 250;
export const DEFAULT_LEASE_MS = 60_000;
/**
 * Platform callbacks are claimed with the session's next ones (a reply's state change and message go out back
 * to back). At most this many follow a head: sent one after another, each within the webhook timeout (15 s),
 * the run stays inside the default lease.
 */
export const MAX_CHAIN_FOLLOWERS = 2;
const CHAINED_CHANNELS: readonly DeliveryChannel[] = ['platform'];

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const id = `w_${randomUUID().slice(0, 8)}`;
  const { db, handlers, log, concurrency } = options;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const random = options.random ?? Math.random;
  const retryPolicy = options.retryPolicy ?? nextRetry;
  const reachability = options.reachability ?? createDatabaseReachability(log);
  /**
   * A write that records an outcome failed: the row's lease runs out and it is sent again (at-least-once). While the
   * database is out of reach every delivery in flight fails so; the process logs that outage once.
   */
  const bookkeepingFailed = (error: unknown, fields: Record<string, unknown>, msg: string) => {
    if (!reachability.failed(error, 'outbox')) log.error({ err: error, ...fields }, msg);
  };
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let wakeUp: (() => void) | undefined;
  let wakeRequested = false;
  let loopDone: Promise<void> = Promise.resolve();

  const sleep = (ms = pollIntervalMs) =>
    new Promise<void>((resolve) => {
      if (wakeRequested) {
        wakeRequested = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  // Successes with nothing to commit are marked together: the first waits for the rest of its event-loop turn
  // (the answers of other callbacks read in the same turn), and while one mark is being written the next ones
  // gather, so a burst of callbacks costs a few writes instead of one each. On PGlite a write finishes within the
  // turn, so without the wait nearly every callback was marked alone (200 marks for 200 replies on the hop bench).
  let marks: Array<{ id: string; status: number | null; done: () => void; failed: (e: unknown) => void }> = [];
  let marking = false;
  function markLater(deliveryId: string, status: number | null): Promise<void> {
    return new Promise((done, failed) => {
      marks.push({ id: deliveryId, status, done, failed });
      if (marking) return;
      marking = true;
      setImmediate(() => void flushMarks());
    });
  }
  async function flushMarks(): Promise<void> {
    while (marks.length > 0) {
      const batch = marks;
      marks = [];
      try {
        await markDeliveredMany(db, id, batch);
        for (const m of batch) m.done();
      } catch (error) {
        for (const m of batch) m.failed(error);
      }
    }
    marking = false;
  }

  /**
   * Sends one delivery and records the outcome; true when it was delivered. With `marks`, a success with
   * nothing to commit does not wait for its mark (the chain's next delivery goes out at once): the mark is
   * pushed there for the chain to await, and a failed mark is logged (the lease then re-sends it, in order).
   */
  async function settle(delivery: DeliveryRow, marks?: Array<Promise<void>>): Promise<boolean> {
    try {
      const outcome = await handlers.handle(delivery);
      const commit = outcome.commit;
      const status = outcome.status ?? null;
      // If our lease ran out and another worker took the row, its result wins; ours is dropped. Without a
      // commit step the mark is one statement: no transaction around it (a burst of callbacks is mostly these).
      if (!commit) {
        const marked = markLater(delivery.id, status).then(() => options.onSettled?.(delivery, 'delivered', status));
        if (!marks) await marked;
        else marks.push(marked.catch((error: unknown) => bookkeepingFailed(error, { delivery: delivery.id }, 'could not record delivery')));
        return true;
      }
      await db.transaction(async (tx) => {
        if (!(await markDelivered(tx, delivery.id, id, status))) return;
        await commit(tx);
      });
      options.onSettled?.(delivery, 'delivered', status);
      return true;
    } catch (caught) {
      if (caught instanceof DeliveryDeferred) {
        await markDeferred(db, delivery.id, id, caught.delayMs).catch((e: unknown) => bookkeepingFailed(e, { delivery: delivery.id }, 'could not defer delivery'));
        return false;
      }
      const error =
        caught instanceof DeliveryError ? caught : new DeliveryError(errorMessage(caught), 'transient', null);
      const decision = retryPolicy(delivery.attempts, { kind: error.kind, retryAfterMs: error.retryAfterMs }, random());
      try {
        if (decision.retry) {
          await markRetry(db, delivery.id, id, decision.delayMs, error.message, error.status);
          options.onSettled?.(delivery, 'retry', error.status);
          log.warn({ delivery: delivery.id, kind: delivery.kind, attempt: delivery.attempts, delayMs: decision.delayMs, err: error }, 'delivery failed, will retry');
        } else {
          await db.transaction(async (tx) => {
            if (!(await markDead(tx, delivery.id, id, error.message, error.status))) return;
            await handlers.onDead?.(tx, delivery, error);
          });
          options.onSettled?.(delivery, 'dead', error.status);
          log.error({ delivery: delivery.id, kind: delivery.kind, attempts: delivery.attempts, reason: decision.reason, err: error }, 'delivery dead-lettered');
        }
      } catch (bookkeeping) {
        bookkeepingFailed(bookkeeping, { delivery: delivery.id }, 'could not record delivery failure');
      }
      return false;
    }
  }

  /** A session's claimed run, in order; a delivery that is not delivered stops it, and the rest go back unattempted. */
  async function settleChain(chain: DeliveryRow[]): Promise<void> {
    const marks: Array<Promise<void>> = [];
    for (let n = 0; n < chain.length; n++) {
      const last = n === chain.length - 1;
      if (await settle(chain[n]!, last ? undefined : marks)) continue;
      const rest = chain.slice(n + 1).map((d) => d.id);
      await releaseUnattempted(db, id, rest).catch((e: unknown) => bookkeepingFailed(e, {}, 'could not release deliveries (their lease will)'));
      break;
    }
    await Promise.all(marks);
  }

  async function loop(): Promise<void> {
    let claimFailures = 0;
    while (running) {
      const free = concurrency - inFlight.size;
      let claimed: DeliveryRow[][] = [];
      if (free > 0) {
        try {
          claimed = await claimDue(db, id, free, leaseMs, { channels: CHAINED_CHANNELS, max: MAX_CHAIN_FOLLOWERS });
          claimFailures = 0;
          reachability.reached();
        } catch (error) {
          if (!running) break;
          // An outage is one line for the whole process; anything else is a bug worth its stack each time.
          if (!reachability.failed(error, 'outbox')) log.error({ err: error }, 'outbox claim failed');
          // Nothing is lost meanwhile: the rows stay pending in the database and are claimed once it answers.
          await sleep(claimBackoffMs(++claimFailures, pollIntervalMs));
          continue;
        }
      }
      for (const chain of claimed) {
        const p: Promise<void> = settleChain(chain).finally(() => {
          inFlight.delete(p);
          wake();
        });
        inFlight.add(p);
      }
      // A full batch means more may be due right away; otherwise wait for a wake-up or the poll tick.
      if (claimed.length === 0 || claimed.length < free) await sleep();
      else if (inFlight.size >= concurrency) await sleep();
      // Let the rest of this turn land first (other callbacks settling, other commits waking us): one claim then
      // takes what they freed or queued. Claiming at the first wake-up was about one claim per delivery on PGlite,
      // where each claim holds the relay's thread for milliseconds, and four in ten found nothing.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.allSettled([...inFlight]);
  }

  function wake() {
    if (wakeUp) wakeUp();
    else wakeRequested = true;
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    wake,
    async stop() {
      running = false;
      wake();
      await loopDone;
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
