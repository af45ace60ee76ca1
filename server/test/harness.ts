import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../config.js';
import type { HelpdeskResolver } from '../helpdesk/helpdesk.js';
import { createAgent, createApiKey, createTenant } from '../relay/admin.js';
import { startRelay, type Relay, type RelayOverrides } from '../runtime.js';
import { createScratchDatabase, type Backend } from './backends.js';
import { startWebhookReceiver } from './webhook-receiver.js';

export const TEST_MASTER_KEY = 'a'.repeat(64);

/** Fast retries for tests: the real schedule is covered by its own unit tests. */
export const fastRetry = (attempts: number, failure: { kind: string; retryAfterMs?: number }) =>
  failure.kind === 'permanent' || attempts >= 5
    ? ({ retry: false, reason: failure.kind === 'permanent' ? 'permanent' : 'exhausted' } as const)
    : ({ retry: true, delayMs: Math.max(20, failure.retryAfterMs ?? 0) } as const);

export interface TestRelay {
  relay: Relay;
  url: string;
  tenantId: string;
  agentId: string;
  apiKey: string;
  webhookSecret: string;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** Stops the relay (as a deploy would) and starts it again on the same database, data dir and port. */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** A relay on a real socket with one tenant, one AI agent, a key and a real webhook receiver. */
export async function startTestRelay(
  backend: Backend,
  options: { helpdeskFor?: HelpdeskResolver; overrides?: RelayOverrides; env?: Record<string, string>; log?: Logger } = {},
): Promise<TestRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-test-'));
  const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    MASTER_KEY: TEST_MASTER_KEY,
    LOG_LEVEL: 'silent',
    TICKET_UPDATE_SPACING_MS: '100',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...options.env,
  });
  let secret = '';
  const receiver = await startWebhookReceiver(() => secret);
  const overrides: RelayOverrides = {
    log: options.log ?? options.overrides?.log ?? pino({ level: 'silent' }),
    ...(options.helpdeskFor ? { helpdeskFor: options.helpdeskFor } : {}),
    worker: { pollIntervalMs: 20, retryPolicy: fastRetry, ...options.overrides?.worker },
    ...(options.overrides?.appApi ? { appApi: options.overrides.appApi } : {}),
    ...(options.overrides?.now ? { now: options.overrides.now } : {}),
  };
  let relay = await startRelay(config, overrides);
  const tenant = await createTenant(relay.db, { name: 'Acme' });
  const agent = await createAgent(relay.db, relay.masterKey, { tenantId: tenant.id, name: 'Bot', callbackUrl: receiver.url });
  secret = agent.webhookSecret;
  const key = await createApiKey(relay.db, { agentId: agent.agentId });
  const api: TestRelay['api'] = async (method, path, body, headers = {}) => {
    const res = await fetch(`${relay.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (e.g. the docs page).
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    // Getters: after restart() these name the new relay (same URL, since it keeps its port).
    get relay() {
      return relay;
    },
    get url() {
      return relay.url;
    },
    tenantId: tenant.id,
    agentId: agent.agentId,
    apiKey: key.apiKey,
    webhookSecret: agent.webhookSecret,
    receiver,
    api,
    /** Stops the relay and starts it again on the same port and data; `whileStopped` runs during the outage. */
    async restart(whileStopped?: () => Promise<void>) {
      await relay.stop();
      await whileStopped?.();
      relay = await startRelay({ ...config, port: Number(new URL(relay.url).port) }, overrides);
    },
    async stop() {
      await relay.stop();
      await receiver.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A valid handoff body; each call gets a new conversation unless one is given. */
export function handoffBody(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    conversationId: `conv-${Date.now()}-${counter}`,
    endUser: { id: `user-${counter}`, name: 'Jane Doe', email: 'jane@example.com', locale: 'en' },
    transcript: [
      { id: 'm1', role: 'user', text: 'My order 88213 never arrived', createdAt: '2026-11-24T10:00:00Z' },
      { id: 'm2', role: 'assistant', text: 'I can check that. What is your postcode?', createdAt: '2026-11-24T10:00:05Z' },
      { id: 'm3', role: 'user', text: 'I want to talk to a person', createdAt: '2026-11-24T10:00:30Z' },
    ],
    reason: { code: 'customer_request', text: 'Asked for a human' },
    summary: 'Order 88213 missing; customer asked for a human.',
    priority: 'high',
    tags: ['vip'],
    signals: { confidence: 0.31, sentiment: -0.4, intent: 'order_status' },
    ...overrides,
  };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
