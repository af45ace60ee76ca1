import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMasterKey } from '../core/secrets.js';
import { openDatabase } from '../db/open.js';
import { createAgent, createApiKey, createTenant } from '../relay/admin.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';

const STARTS_TIMEOUT_MS = 120_000;

/**
 * A deploy stops the relay with SIGTERM while clients are mid-request. The relay used to destroy every connection at
 * once, so a customer line being sent got a reset and the platform could not tell whether it had landed. Now a
 * request the relay had already received is answered (with `Connection: close`) before the process exits.
 */
describe('SIGTERM with a request in flight (child process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-stop-'));
  let relay: ChildRelay | undefined;
  afterAll(async () => {
    await relay?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request it was receiving, then exits 0', async () => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    const tenant = await createTenant(db, { name: 'Acme' });
    const agent = await createAgent(db, parseMasterKey(TEST_MASTER_KEY), { tenantId: tenant.id, name: 'Bot' });
    const key = await createApiKey(db, { agentId: agent.agentId });
    await db.close();
    relay = spawnRelay({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, WORKERS: 'off', LOG_LEVEL: 'info' });
    const url = new URL(await relay.url);
    const handoff = await fetch(`${url}v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(handoffBody()),
    });
    const sessionId = ((await handoff.json()) as { session: { id: string } }).session.id;

    // `Expect: 100-continue`: the relay's "100 Continue" proves it has the request before the body is sent.
    const body = JSON.stringify({ id: 'line-during-stop', role: 'user', text: 'Are you still there?', createdAt: new Date().toISOString() });
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {}); // a reset shows as a missing answer below
    socket.write(
      `POST /v1/sessions/${sessionId}/messages HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${key.apiKey}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await waitFor('100 Continue', () => received.includes('100 Continue'), 30_000);
    relay.process.kill('SIGTERM');
    await waitFor('the relay to begin its shutdown', () => relay!.output().includes('shutting down'), 30_000);
    socket.write(body);
    await ended;

    expect(received).toMatch(/HTTP\/1\.1 202 Accepted/);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received).toContain('"id":"line-during-stop"');
    expect(await relay.exited).toBe(0);
  }, STARTS_TIMEOUT_MS);
});
