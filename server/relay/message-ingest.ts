import { BatonError } from '../core/errors.js';
import { isOpen } from '../core/session-machine.js';
import type { Database, Queryable } from '../db/database.js';
import type { PostMessageRequest } from '../http/schemas.js';
import { lockSessionsAndFindMessages, writeMessageBatch } from '../store/message-batch.js';
import type { MessageRow } from '../store/messages.js';
import type { Caller } from './handoffs.js';
import { postMessage, type PostMessageResult } from './messages.js';
import { messageView, toMessageInput } from './views.js';
import { customerWrote } from './waiting.js';

/** Upper bound of messages committed by one transaction. */
export const MAX_BATCH_MESSAGES = 256;
export const MAX_CONCURRENT_BATCHES_ON_SERVER = 3;

interface Pending {
  caller: Caller;
  sessionId: string;
  msg: PostMessageRequest;
  resolve: (r: PostMessageResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for end-user messages. While one transaction is committing, arriving messages wait
 * and then commit together in the next one, with a fixed handful of statements however many there
 * are. Each caller still gets its answer only after its own message is durable, so a 202 keeps its
 * meaning; a lone message commits at once. If a batch fails as a whole, each message is retried in a
 * transaction of its own (a session's in order) so one bad apple cannot fail the rest.
 */
export function createMessageIngest(db: Database, onCommitted: () => void = () => {}) {
  let queue: Pending[] = [];
  let running = 0;
  // PGlite executes in this thread, one transaction at a time; a server overlaps one batch's commit
  // (fsync) with the next batch's statements. Sessions are locked in id order, so batches cannot deadlock.
  const maxConcurrentBatches = db.kind === 'postgres' ? MAX_CONCURRENT_BATCHES_ON_SERVER : 1;

  async function runBatch(batch: Pending[]): Promise<void> {
    let results: Array<PostMessageResult | BatonError>;
    try {
      results = await db.transaction((tx) => commitBatch(tx, batch, { otherWriters: db.kind === 'postgres' }));
    } catch {
      await oneByOne(batch);
      onCommitted();
      return;
    }
    results.forEach((r, i) => (r instanceof BatonError ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
    if (results.some((r) => !(r instanceof BatonError) && r.status === 202)) onCommitted();
  }

  /** A failed batch again, a message per transaction: sessions side by side, each session's messages in order. */
  async function oneByOne(batch: Pending[]): Promise<void> {
    const bySession = new Map<string, Pending[]>();
    for (const p of batch) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
    await Promise.all([...bySession.values()].map(async (pending) => {
      for (const p of pending) await postMessage(db, p.caller, p.sessionId, p.msg).then(p.resolve, p.reject);
    }));
  }

  // Sessions some batch in flight holds. A batch takes only messages of other sessions: two batches sharing a
  // session would wait on each other's row lock until the first COMMIT, which serialises them (about every
  // pair of batches shares one at 50 connections on 100 sessions); disjoint batches overlap their commits for real.
  // It also keeps each session's messages in arrival order across concurrent batches.
  const busy = new Set<string>();

  /** Up to MAX_BATCH_MESSAGES queued messages of sessions no batch holds; the rest stay queued, in order. */
  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const blocked = new Set<string>();
    for (const p of queue) {
      if (batch.length < MAX_BATCH_MESSAGES && !busy.has(p.sessionId) && !blocked.has(p.sessionId)) batch.push(p);
      else {
        // A session whose earlier message stays queued keeps its later ones queued too (order within a session).
        blocked.add(p.sessionId);
        rest.push(p);
      }
    }
    queue = rest;
    return batch;
  }

  async function drain(): Promise<void> {
    running++;
    try {
      // Yield to the event loop first: requests whose bytes already arrived join this batch. PGlite
      // runs inside this thread, so without the yield each request would commit alone.
      await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        const batch = takeBatch();
        if (batch.length === 0) break;
        const sessions = new Set(batch.map((p) => p.sessionId));
        for (const id of sessions) busy.add(id);
        try {
          await runBatch(batch);
        } finally {
          for (const id of sessions) busy.delete(id);
        }
        // Messages that waited for this batch's sessions may now go, alongside this loop's next batch.
        startDrains();
        if (queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      running--;
    }
  }

  function startDrains(): void {
    if (queue.length > 0 && running < maxConcurrentBatches) void drain();
  }

  return {
    submit(caller: Caller, sessionId: string, msg: PostMessageRequest): Promise<PostMessageResult> {
      if (msg.role === 'agent') return postMessage(db, caller, sessionId, msg);
      return new Promise((resolve, reject) => {
        queue.push({ caller, sessionId, msg, resolve, reject });
        startDrains();
      });
    },
  };
}

/** The set-based twin of postMessage: same rules, one statement per step for the whole batch. */
async function commitBatch(tx: Queryable, batch: Pending[], writers: { otherWriters: boolean }): Promise<Array<PostMessageResult | BatonError>> {
  const { sessions, existing } = await lockSessionsAndFindMessages(
    tx,
    [...new Set(batch.map((p) => p.sessionId))],
    batch.map((p) => ({ sessionId: p.sessionId, messageId: p.msg.id })),
    writers,
  );
  const accepted = new Map<string, MessageRow | PostMessageRequest>();
  for (const row of existing) accepted.set(`${row.sessionId}\u0000${row.messageId}`, row);
  const nextSeq = new Map<string, number>();
  const inserts: Array<{ sessionId: string; seq: number; msg: PostMessageRequest; index: number }> = [];
  const results: Array<PostMessageResult | BatonError> = batch.map((p, index) => {
    const session = sessions.get(p.sessionId);
    if (!session || session.agentId !== p.caller.agentId) return new BatonError('session_not_found');
    const summary = { id: session.id, state: session.state, version: session.version };
    const key = `${session.id}\u0000${p.msg.id}`;
    const seen = accepted.get(key);
    if (seen) {
      if (seen.text !== p.msg.text || seen.role !== p.msg.role) return new BatonError('message_id_conflict');
      // Answered after the commit below, once the first copy has its seq.
      return { status: 200, body: { message: undefined as never, duplicate: true, session: summary } };
    }
    if (p.msg.role === 'assistant' && session.state === 'human') return new BatonError('human_owns_session');
    if (!isOpen(session.state)) {
      return new BatonError('session_closed', `The session is ${session.state}; start a new handoff instead.`, { state: session.state });
    }
    const seq = (nextSeq.get(session.id) ?? session.messageCount) + 1;
    nextSeq.set(session.id, seq);
    accepted.set(key, p.msg);
    inserts.push({ sessionId: session.id, seq, msg: p.msg, index });
    return { status: 202, body: { message: undefined as never, duplicate: false, session: summary } };
  });
  const written = await writeMessageBatch(
    tx,
    inserts.map((i) => {
      const session = sessions.get(i.sessionId)!;
      return {
        sessionId: i.sessionId,
        tenantId: session.tenantId,
        agentId: session.agentId,
        seq: i.seq,
        source: 'platform' as const,
        // End-user words become public comments; AI and system lines stay internal notes for the agent.
        taskKind: i.msg.role === 'user' ? 'ticket.end_user_message' : 'ticket.note',
        ...toMessageInput(i.msg),
      };
    }),
  );
  // A customer line while a person owns the session starts the agent-silent clock (once per silence).
  const wroteAt = new Date();
  for (const id of new Set(inserts.filter((i) => i.msg.role === 'user').map((i) => i.sessionId))) {
    await customerWrote(tx, sessions.get(id)!, wroteAt);
  }
  const byKey = new Map<string, MessageRow>();
  for (const row of existing) byKey.set(`${row.sessionId}\u0000${row.messageId}`, row);
  for (const i of inserts) {
    const key = `${i.sessionId}\u0000${i.msg.id}`;
    byKey.set(key, { ...toMessageInput(i.msg), sessionId: i.sessionId, seq: i.seq, source: 'platform', receivedAt: written.get(key) ?? new Date() });
  }
  return results.map((r, index) => {
    if (r instanceof BatonError) return r;
    const p = batch[index]!;
    return { ...r, body: { ...r.body, message: messageView(byKey.get(`${p.sessionId}\u0000${p.msg.id}`)!) } };
  });
}
