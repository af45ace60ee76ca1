import { BatonError } from '../core/errors.js';
import { createGroupCommit, inOrderPerKey } from '../core/group-commit.js';
import { isOpen } from '../core/session-machine.js';
import type { Database, Queryable } from '../db/database.js';
import type { PostMessageRequest } from '../http/schemas.js';
import { lockSessionsAndFindMessages, writeMessageBatch } from '../store/message-batch.js';
import type { MessageRow } from '../store/messages.js';
import type { Caller } from './handoffs.js';
import { postMessage, type PostMessageResult } from './messages.js';
import { messageView, toMessageInput } from './views.js';
import { customerWroteLocked } from './waiting.js';

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
  async function runBatch(batch: Pending[]): Promise<void> {
    let results: Array<PostMessageResult | BatonError>;
    try {
      results = await db.transaction((tx) => commitBatch(tx, batch));
    } catch {
      // A failed batch again, a message per transaction (each session's in order).
      await inOrderPerKey(batch, sessionOf, (p) => postMessage(db, p.caller, p.sessionId, p.msg).then(p.resolve, p.reject));
      onCommitted();
      return;
    }
    results.forEach((r, i) => (r instanceof BatonError ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
    if (results.some((r) => !(r instanceof BatonError) && r.status === 202)) onCommitted();
  }

  const batches = createGroupCommit<Pending>({
    // Batches of disjoint sessions: each session's messages keep their arrival order, and batches do not queue on
    // each other's row locks (about every pair would share a session at 50 connections on 100 sessions).
    keyOf: sessionOf,
    maxBatch: MAX_BATCH_MESSAGES,
    // PGlite executes in this thread, one transaction at a time; a server overlaps one batch's commit
    // (fsync) with the next batch's statements. Sessions are locked in id order, so batches cannot deadlock.
    maxConcurrent: db.kind === 'postgres' ? MAX_CONCURRENT_BATCHES_ON_SERVER : 1,
    commit: runBatch,
  });

  return {
    submit(caller: Caller, sessionId: string, msg: PostMessageRequest): Promise<PostMessageResult> {
      if (msg.role === 'agent') return postMessage(db, caller, sessionId, msg);
      return new Promise((resolve, reject) => batches.push({ caller, sessionId, msg, resolve, reject }));
    },
  };
}

const sessionOf = (p: Pending) => p.sessionId;

/** The set-based twin of postMessage: same rules, one statement per step for the whole batch. */
async function commitBatch(tx: Queryable, batch: Pending[]): Promise<Array<PostMessageResult | BatonError>> {
  const { sessions, existing, waiting } = await lockSessionsAndFindMessages(
    tx,
    [...new Set(batch.map((p) => p.sessionId))],
    batch.map((p) => ({ sessionId: p.sessionId, messageId: p.msg.id })),
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
  const wrote = new Set(inserts.filter((i) => i.msg.role === 'user').map((i) => i.sessionId));
  await customerWroteLocked(tx, [...wrote].map((id) => sessions.get(id)!), waiting, new Date());
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
