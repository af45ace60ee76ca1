import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { HandoffRequestSchema, type PostMessageRequest } from '../http/schemas.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { createHandoff, type Caller } from '../relay/handoffs.js';
import { createMessageIngest } from '../relay/message-ingest.js';
import { listMessages } from '../store/messages.js';
import { BACKENDS, createScratchDatabase, warnIfPostgresSkipped } from './backends.js';
import { TEST_MASTER_KEY } from './harness.js';

warnIfPostgresSkipped('message-ingest.test.ts');

/**
 * Group commit under concurrency: on PostgreSQL several batches are in flight at once, and a session's
 * messages must still get their seqs in the order they were submitted, each exactly once.
 */
describe.each(BACKENDS)('group-committed message ingest on %s', (backend) => {
  let db: Database;
  let drop = async () => {};
  let caller: Caller;
  const sessions: string[] = [];
  beforeAll(async () => {
    const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
    if (scratch) drop = scratch.drop;
    db = await openDatabase({ databaseUrl: scratch?.url, dataDir: undefined });
    const tenant = await createTenant(db, { name: 'Acme' });
    const agent = await createAgent(db, parseMasterKey(TEST_MASTER_KEY), { tenantId: tenant.id, name: 'Bot' });
    caller = { tenantId: tenant.id, agentId: agent.agentId };
    for (let i = 0; i < 3; i++) {
      const req = HandoffRequestSchema.parse({
        conversationId: `c-${i}`,
        endUser: { id: `u-${i}` },
        transcript: [{ id: 'm1', role: 'user', text: 'help', createdAt: '2026-11-24T10:00:00Z' }],
        reason: { code: 'customer_request' },
      });
      sessions.push((await createHandoff(db, caller, `k-${i}`, req)).body.session.id);
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });

  it('numbers each session’s lines in submission order across concurrent batches, duplicates once', async () => {
    const ingest = createMessageIngest(db);
    const line = (i: number): PostMessageRequest => ({ id: `l-${i}`, role: 'user', text: `line ${i}`, createdAt: '2026-11-24T10:05:00Z', attachments: [] });
    const submitted: Array<{ sessionId: string; id: string; answer: Promise<{ status: number; body: { message: { seq: number } } }> }> = [];
    // Waves that arrive while earlier batches commit, spread over three sessions, each wave retrying one line.
    for (let wave = 0; wave < 8; wave++) {
      for (let i = wave * 30; i < wave * 30 + 30; i++) {
        const sessionId = sessions[i % 3]!;
        submitted.push({ sessionId, id: `l-${i}`, answer: ingest.submit(caller, sessionId, line(i)) });
      }
      const retry = wave * 30;
      submitted.push({ sessionId: sessions[retry % 3]!, id: `l-${retry}`, answer: ingest.submit(caller, sessions[retry % 3]!, line(retry)) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const answers = await Promise.all(submitted.map((s) => s.answer));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(8);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(240);
    for (const sessionId of sessions) {
      const stored = await listMessages(db, sessionId);
      const lines = stored.filter((m) => m.messageId.startsWith('l-'));
      const inOrder = submitted.filter((s, i) => s.sessionId === sessionId && submitted.findIndex((t) => t.id === s.id) === i).map((s) => s.id);
      expect(lines.map((m) => m.messageId)).toEqual(inOrder);
      expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    }
    // Each retry was told where the first copy went.
    for (const s of submitted) {
      const first = submitted.find((t) => t.id === s.id)!;
      expect((await s.answer).body.message.seq).toBe((await first.answer).body.message.seq);
    }
  });
});
