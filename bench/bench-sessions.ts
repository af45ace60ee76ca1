import type { Database } from '../server/db/database.js';
import { createHandoff } from '../server/relay/handoffs.js';
import { HandoffRequestSchema } from '../server/http/schemas.js';

/** `count` one-line handoffs of one AI agent (pending: no Zendesk here), the ingest benches' sessions; their ids. */
export async function createPendingSessions(db: Database, caller: { tenantId: string; agentId: string }, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const request = HandoffRequestSchema.parse({
      conversationId: `bench-${i}`,
      endUser: { id: `u${i}` },
      transcript: [{ id: 'm1', role: 'user', text: 'help', createdAt: new Date().toISOString() }],
      reason: { code: 'customer_request' },
    });
    ids.push((await createHandoff(db, caller, `bench-${i}`, request)).body.session.id);
  }
  return ids;
}
