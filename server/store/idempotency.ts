import type { Queryable } from '../db/database.js';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

export async function findIdempotentResponse(q: Queryable, agentId: string, key: string): Promise<StoredResponse | undefined> {
  const { rows } = await q.query<{ request_hash: string; response_status: number; response_body: unknown }>(
    `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE agent_id = $1 AND key = $2`,
    [agentId, key],
  );
  const r = rows[0];
  return r ? { requestHash: r.request_hash, status: Number(r.response_status), body: r.response_body } : undefined;
}

/** Stored in the same transaction as the effect, so a replay sees either both or neither. */
export async function saveIdempotentResponse(
  q: Queryable,
  agentId: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await q.query(
    `INSERT INTO idempotency_keys (agent_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5)`,
    [agentId, key, response.requestHash, response.status, JSON.stringify(response.body)],
  );
}
