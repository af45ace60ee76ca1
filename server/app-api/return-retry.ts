import type { Queryable } from '../db/database.js';
import { requestHash } from '../relay/handoffs.js';
import { findIdempotentResponse, saveIdempotentResponse } from '../store/idempotency.js';

/**
 * Which sidebar action returned a session, so that action's retry is told "returned now" rather than "someone else
 * returned it first". The sidebar's answer can be lost after the relay committed (a network blip); without this,
 * the agent who clicks again would read that their note was not sent when it was.
 *
 * Kept in the idempotency store under the installation's scope (`app:<tenant>`, never an AI agent's id) and the
 * session, with the note's hash: the same key with another note is another note, which did not go anywhere.
 */
const scopeOf = (tenantId: string) => `app:${tenantId}`;
const keyOf = (sessionId: string, idempotencyKey: string) => `return-to-ai:${sessionId}:${idempotencyKey}`;
const hashOf = (note: string | undefined) => requestHash({ note: note ?? null });

/** Written in the transaction that returned the session, so a retry sees either both or neither. */
export async function rememberReturn(tx: Queryable, tenantId: string, sessionId: string, idempotencyKey: string, note: string | undefined): Promise<void> {
  await saveIdempotentResponse(tx, scopeOf(tenantId), keyOf(sessionId, idempotencyKey), { requestHash: hashOf(note), status: 200, body: { returned: true } });
}

/** True when this key (with this note) is the action that returned the session. */
export async function returnedByThisAction(tx: Queryable, tenantId: string, sessionId: string, idempotencyKey: string, note: string | undefined): Promise<boolean> {
  const stored = await findIdempotentResponse(tx, scopeOf(tenantId), keyOf(sessionId, idempotencyKey));
  return stored?.requestHash === hashOf(note);
}
