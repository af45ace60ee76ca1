import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { connectZendesk, provisionTenantZendesk, rotateAppSecret } from '../relay/admin.js';
import type { ProvisionResult } from '../zendesk/provision.js';
import { startZendeskEmulator, type EmulatorOptions, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { proxyToken } from './app-token.js';
import type { Backend } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

/**
 * A relay connected to the Zendesk emulator (API token, provisioned, app secret set), with the moves the
 * ticket suites share: hand off and wait for the ticket, return to the AI from the sidebar, wait until quiet.
 */
export interface ZendeskWorld {
  z: ZendeskEmulator;
  t: TestRelay;
  provisioned: ProvisionResult;
  /** Every webhook the AI platform received for one conversation, each once. */
  events(conversationId: string): ReturnType<TestRelay['receiver']['unique']>;
  session(id: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Every effect the relay owes has happened: Zendesk's webhooks were delivered and no delivery is pending. */
  quiet(): Promise<void>;
  /** Hands off, waits for handoff.accepted (and, with `settle`, for quiet) and reads the session's ticket. */
  handOff(body?: ReturnType<typeof handoffBody>, opts?: { settle?: boolean }): Promise<{ id: string; ticketId: number; conversationId: string }>;
  /** The sidebar's Return to AI, signed as Zendesk's request proxy would sign it. */
  returnToAi(sessionId: string, body: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Bound for quiet(): several retried deliveries and Zendesk's webhooks may be in flight. */
const QUIET_TIMEOUT_MS = 30_000;

export async function startZendeskWorld(backend: Backend, emulator: EmulatorOptions = {}): Promise<ZendeskWorld> {
  const z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000, ...emulator });
  let t: TestRelay | undefined;
  try {
    z.addApiToken('admin@acme.test', 'dev-token');
    // The reconciliation poll stays out of the way: the suites call it when they mean to.
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' } });
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
      baseUrl: z.baseUrl,
      credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' },
    });
    const provisioned = await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
    const appSecret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    return worldOf(z, t, provisioned, appSecret);
  } catch (error) {
    await t?.stop();
    await z.stop();
    throw error;
  }
}

function worldOf(z: ZendeskEmulator, t: TestRelay, provisioned: ProvisionResult, appSecret: string): ZendeskWorld {
  const events = (conversationId: string) => t.receiver.unique().filter((e) => e.data.conversationId === conversationId);
  const session = async (id: string) => (await t.api('GET', `/v1/sessions/${id}`)).body.session;
  const quiet = async () => {
    await waitFor('the outbox to drain', async () => {
      await z.settleWebhooks();
      const { rows } = await t.relay.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`);
      return rows[0]!.n === 0;
    }, QUIET_TIMEOUT_MS);
  };
  return {
    z,
    t,
    provisioned,
    events,
    session,
    quiet,
    async handOff(body = handoffBody(), opts = {}) {
      const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
      expect(res.status).toBe(201);
      const id = res.body.session.id as string;
      await waitFor('handoff.accepted', () => events(body.conversationId).find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id));
      if (opts.settle) await quiet();
      return { id, ticketId: Number((await session(id)).ticket.id), conversationId: body.conversationId };
    },
    async returnToAi(sessionId, body) {
      const token = await proxyToken(appSecret, { tenant: t.tenantId }, { aud: t.url });
      const res = await fetch(`${t.url}/app/v1/sessions/${sessionId}/return-to-ai`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    },
    async stop() {
      await t.stop();
      await z.stop();
    },
  };
}

/**
 * One world for a describe block: started before its tests, stopped after them. The returned object
 * reads through to it, so tests can name it where the block is declared.
 */
export function useZendeskWorld(backend: Backend, emulator: EmulatorOptions = {}): ZendeskWorld {
  let started: ZendeskWorld | undefined;
  beforeAll(async () => {
    started = await startZendeskWorld(backend, emulator);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const world = () => {
    if (!started) throw new Error('the Zendesk world is used outside its tests (before beforeAll ran)');
    return started;
  };
  return {
    get z() {
      return world().z;
    },
    get t() {
      return world().t;
    },
    get provisioned() {
      return world().provisioned;
    },
    events: (conversationId) => world().events(conversationId),
    session: (id) => world().session(id),
    quiet: () => world().quiet(),
    handOff: (body, opts) => world().handOff(body, opts),
    returnToAi: (sessionId, body) => world().returnToAi(sessionId, body),
    stop: () => world().stop(),
  };
}
