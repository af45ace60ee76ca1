import { createGroupCommit, inOrderPerKey } from '../core/group-commit.js';
import type { Database } from '../db/database.js';
import { commitEventBatch } from './event-batch.js';
import { handleTicketEvent, type EventOutcome, type TicketEventWork } from './ticket-event-work.js';

/** Upper bound of events committed by one transaction. */
export const MAX_BATCH_EVENTS = 256;
/** On a server, batches of disjoint tickets overlap one's COMMIT with the next one's statements. */
export const MAX_CONCURRENT_EVENT_BATCHES_ON_SERVER = 3;
/** Comments whose event committed here, remembered for the agent-reply trigger that follows each one. */
const RECENT_COMMENTS = 10_000;

interface Pending {
  work: TicketEventWork;
  resolve: (outcome: EventOutcome) => void;
  reject: (error: unknown) => void;
}

const ticketOf = (p: Pending) => `${p.work.tenantId}\u0000${p.work.ticketId}`;
const commentKey = (tenantId: string, ticketId: string, commentId: string) => `${tenantId}\u0000${ticketId}\u0000${commentId}`;

/**
 * Group commit for Zendesk event webhooks (the message-ingest pattern): events that arrive while a
 * transaction runs commit together in the next one (event-batch.ts). Each webhook is answered only after
 * its own event is durable, so Zendesk's retry covers anything not committed; a repeat is recognised by
 * its event id. If a batch fails as a whole, each of its events is retried in a transaction of its own,
 * so one bad event cannot fail the others.
 */
export function createTicketEventIngest(db: Database, onCommitted: () => void = () => {}) {
  // Comments accounted for by a committed event (relayed, or not one to relay): what the trigger's check would read.
  const settled = new Set<string>();
  const inFlight = new Map<string, Promise<unknown>>();
  // Triggers waiting for their comment's event to arrive here (Zendesk sends both at once, in no set order).
  const arrivals = new Map<string, Array<() => void>>();
  let waitingStopped = false;
  // Submitted and not answered yet: a stopping relay waits for them before it closes the database.
  let outstanding = 0;
  let whenDrained: Array<() => void> = [];

  function remember(work: TicketEventWork, outcome: EventOutcome): void {
    if (outcome !== 'relayed' || !work.comment) return;
    if (settled.size >= RECENT_COMMENTS) settled.delete(settled.values().next().value!);
    settled.add(commentKey(work.tenantId, work.ticketId, work.comment.id));
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    let outcomes: EventOutcome[];
    try {
      outcomes = await db.transaction((tx) => commitEventBatch(tx, batch.map((p) => p.work)));
    } catch {
      // Nothing of the batch was committed (or, if its COMMIT's answer was lost, all of it was, and the
      // event ids make every retry a duplicate): each event on its own, a ticket's events one after another.
      await inOrderPerKey(batch, ticketOf, (p) =>
        handleTicketEvent(db, p.work).then((o) => {
          remember(p.work, o);
          p.resolve(o);
        }, p.reject),
      );
      onCommitted();
      return;
    }
    outcomes.forEach((o, i) => remember(batch[i]!.work, o));
    outcomes.forEach((o, i) => batch[i]!.resolve(o));
    if (outcomes.some((o) => o === 'relayed' || o === 'queued')) onCommitted();
  }

  /** Resolves when the comment's event is submitted here, or after `ms`. */
  function arrivalOf(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const rest = (arrivals.get(key) ?? []).filter((w) => w !== arrived);
        if (rest.length > 0) arrivals.set(key, rest);
        else arrivals.delete(key);
        resolve();
      }, ms);
      const arrived = () => {
        clearTimeout(timer);
        resolve();
      };
      arrivals.set(key, [...(arrivals.get(key) ?? []), arrived]);
    });
  }

  // A ticket's events wait for a batch holding that ticket: they keep their order.
  const batches = createGroupCommit<Pending>({
    keyOf: ticketOf,
    maxBatch: MAX_BATCH_EVENTS,
    maxConcurrent: db.kind === 'postgres' ? MAX_CONCURRENT_EVENT_BATCHES_ON_SERVER : 1,
    commit: runBatch,
  });

  return {
    /** Resolves once the event is durable (or known as a repeat), with what became of it. */
    submit(work: TicketEventWork): Promise<EventOutcome> {
      outstanding++;
      const done = new Promise<EventOutcome>((resolve, reject) => batches.push({ work, resolve, reject }));
      void done.catch(() => undefined).finally(() => {
        if (--outstanding > 0) return;
        const waiters = whenDrained;
        whenDrained = [];
        for (const w of waiters) w();
      });
      if (work.comment) {
        const key = commentKey(work.tenantId, work.ticketId, work.comment.id);
        const settledOrFailed = done.catch(() => undefined).finally(() => {
          if (inFlight.get(key) === settledOrFailed) inFlight.delete(key);
        });
        inFlight.set(key, settledOrFailed);
        const waiting = arrivals.get(key);
        arrivals.delete(key);
        for (const arrived of waiting ?? []) arrived();
      }
      return done;
    },
    /** The relay is stopping: triggers waiting for their event stop waiting (now and from now on). */
    stopWaiting(): void {
      waitingStopped = true;
      const waiting = [...arrivals.values()].flat();
      arrivals.clear();
      for (const arrived of waiting) arrived();
    },
    /** Resolves once every event submitted so far is answered (committed, a repeat, or failed). */
    drained(): Promise<void> {
      return outstanding === 0 ? Promise.resolve() : new Promise((resolve) => whenDrained.push(resolve));
    },
    /**
     * Whether the comment's event committed in this process (then the comment is accounted for for good:
     * the trigger's check needs no read). Waits for that event if it is being committed right now.
     * False means "not known here": the caller reads the database as before.
     */
    async accountedFor(tenantId: string, ticketId: string, commentId: string): Promise<boolean> {
      const key = commentKey(tenantId, ticketId, commentId);
      await inFlight.get(key);
      return settled.has(key);
    },
    /**
     * As accountedFor, but first waits up to `ms` for the comment's event to arrive here when it has not: the
     * trigger often overtakes its event on the way in. False after the wait means "not here": the event may
     * have gone to another relay (read the database) or been lost (queue the catch-up).
     */
    async accountedForWithin(tenantId: string, ticketId: string, commentId: string, ms: number): Promise<boolean> {
      const key = commentKey(tenantId, ticketId, commentId);
      if (!inFlight.has(key) && !settled.has(key) && !waitingStopped) await arrivalOf(key, ms);
      await inFlight.get(key);
      return settled.has(key);
    },
  };
}

export type TicketEventIngest = ReturnType<typeof createTicketEventIngest>;
