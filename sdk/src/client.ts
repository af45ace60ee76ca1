/**
 * A method for every `/v1` route of the relay, on the openapi-fetch client typed by the generated
 * document. Creating calls carry an Idempotency-Key (one per call, reused by its retries).
 */
import createClient from 'openapi-fetch';
import type { CallOptions } from './call-options.js';
import type { paths } from './generated/openapi.js';
import { resolveRetryOptions, type RetryOptions } from './retry.js';
import { createRulesApi } from './rules.js';
import { createTransport } from './transport.js';
import type { EvaluateRequest, InsightsQuery, InsightsSection, ListSessionsQuery, PostBody, WaitingSettingsPatch } from './types.js';
import { createWebhookVerifier, verifyWith, type WebhookHeaders } from './webhooks.js';

export interface BatonClientOptions {
  /** The AI agent's API key (`bk_…`). */
  apiKey: string;
  /** The relay's base URL, e.g. https://baton.example.com */
  baseUrl: string;
  /** The agent's `whsec_…` secret, for `client.verifyWebhook`; both (new and old) while you switch to a rotated one. */
  webhookSecret?: string | readonly string[];
  retry?: Partial<RetryOptions>;
  /** Per attempt (default 30 s); a number above 0, else createBatonClient throws a TypeError. */
  timeoutMs?: number;
  /** Another fetch (a proxy agent, a test double); defaults to the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

export type { CallOptions };

export type BatonClient = ReturnType<typeof createBatonClient>;

/** The longest delay Node's timers take (2^31 - 1 ms, about 24.8 days); AbortSignal.timeout refuses more. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Checked now, like `retry`: NaN (`Number()` of an unset variable), 0, a negative or an infinite timeout made
 * AbortSignal.timeout throw on every attempt, which surfaced as `network_error` from a relay that answered at once.
 * A fractional one (a computed 2.5 s) is rounded up to the whole milliseconds the timer takes.
 */
function resolveTimeoutMs(given: number | undefined): number {
  if (given === undefined) return 30_000;
  if (typeof given !== 'number' || !(given > 0) || !Number.isFinite(given)) {
    throw new TypeError(`createBatonClient: timeoutMs must be a number of milliseconds above 0; got ${String(given)}.`);
  }
  return Math.min(Math.ceil(given), MAX_TIMEOUT_MS);
}

export function createBatonClient(options: BatonClientOptions) {
  const transport = createTransport({
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    retry: resolveRetryOptions(options.retry),
    timeoutMs: resolveTimeoutMs(options.timeoutMs),
  });
  // Checked now: a malformed secret fails at start-up, not as `invalid_signature` on every delivery. A blank one too
  // (a variable set empty): only a secret left out means "this client does not verify".
  const webhooks = options.webhookSecret !== undefined ? createWebhookVerifier(options.webhookSecret) : undefined;
  const api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: transport });
  const key = (call?: CallOptions) => call?.idempotencyKey ?? globalThis.crypto.randomUUID();
  // The transport threw on every non-2xx, so a result here always has data.
  const data = async <T>(call: Promise<{ data?: T; response: Response }>) => (await call).data as T;
  /**
   * A keyed call's result, with `replayed: true` when the relay answered from the key's stored first answer
   * (`Idempotent-Replayed`): the caller's own retry (after a crash, a lost answer) then knows it started nothing new.
   * A retry inside the SDK whose earlier attempt did act reads `true` too: that attempt's answer was lost.
   */
  const keyed = async <T extends object>(call: Promise<{ data?: T; response: Response }>): Promise<T & { replayed: boolean }> => {
    const { data: body, response } = await call;
    return { ...(body as T), replayed: response.headers.get('idempotent-replayed') === 'true' };
  };

  return {
    handoffs: {
      /**
       * Hands the conversation to humans; `created: false` when it already had an open session, `replayed: true`
       * when this Idempotency-Key's first answer is returned again.
       */
      create: (body: PostBody<'/v1/handoffs'>, call?: CallOptions) =>
        keyed(api.POST('/v1/handoffs', { body, params: { header: { 'idempotency-key': key(call) } }, signal: call?.signal })),
    },
    sessions: {
      get: (id: string, call?: CallOptions) => data(api.GET('/v1/sessions/{id}', { params: { path: { id } }, signal: call?.signal })),
      list: (query: ListSessionsQuery = {}, call?: CallOptions) => data(api.GET('/v1/sessions', { params: { query }, signal: call?.signal })),
      /** The customer's (or an AI/system) line for the ticket; the message `id` dedupes retries. */
      postMessage: (id: string, message: PostBody<'/v1/sessions/{id}/messages'>, call?: CallOptions) =>
        data(api.POST('/v1/sessions/{id}/messages', { params: { path: { id } }, body: message, signal: call?.signal })),
      end: (id: string, body: PostBody<'/v1/sessions/{id}/end'> = {}, call?: CallOptions) =>
        data(api.POST('/v1/sessions/{id}/end', { params: { path: { id } }, body, signal: call?.signal })),
    },
    conversations: {
      /**
       * Runs the escalation rules on a turn; with `startHandoff`, a handoff decision starts the handoff (`replayed: true`
       * when this Idempotency-Key already started it: the first decision and session are returned).
       */
      evaluate: (conversationId: string, body: EvaluateRequest, call?: CallOptions) =>
        keyed(
          api.POST('/v1/conversations/{conversationId}/evaluate', {
            params: { path: { conversationId }, header: { 'idempotency-key': key(call) } },
            body,
            signal: call?.signal,
          }),
        ),
    },
    agents: {
      /** The rules as "when to hand off" text for the LLM prompt. */
      handoffInstructions: (agentId: string, call?: CallOptions) =>
        data(api.GET('/v1/agents/{id}/handoff-instructions', { params: { path: { id: agentId } }, signal: call?.signal })),
      /** What happens while a customer waits (business hours, timeouts), with the account's Zendesk schedules. */
      waitingSettings: (agentId: string, call?: CallOptions) =>
        data(api.GET('/v1/agents/{id}/waiting-settings', { params: { path: { id: agentId } }, signal: call?.signal })),
      /** A partial change; applies to sessions whose ticket is created after it. */
      updateWaitingSettings: (agentId: string, patch: WaitingSettingsPatch, call?: CallOptions) =>
        data(api.PATCH('/v1/agents/{id}/waiting-settings', { params: { path: { id: agentId } }, body: patch, signal: call?.signal })),
    },
    insights: {
      report: (query: InsightsQuery = {}, call?: CallOptions) =>
        data(api.GET('/v1/insights', { params: { query: { ...query, format: 'json' } }, signal: call?.signal })),
      section: (section: InsightsSection, query: InsightsQuery = {}, call?: CallOptions) =>
        data(api.GET('/v1/insights/{section}', { params: { path: { section }, query: { ...query, format: 'json' } }, signal: call?.signal })),
      /** The report (or one section) as CSV text. */
      csv: (section?: InsightsSection, query: InsightsQuery = {}, call?: CallOptions) =>
        data(
          section
            ? api.GET('/v1/insights/{section}', { params: { path: { section }, query: { ...query, format: 'csv' } }, parseAs: 'text', signal: call?.signal })
            : api.GET('/v1/insights', { params: { query: { ...query, format: 'csv' } }, parseAs: 'text', signal: call?.signal }),
        ) as Promise<string>,
    },
    rules: createRulesApi(options.baseUrl.replace(/\/+$/, ''), transport),
    /** verifyWebhook with the secret given to createBatonClient. */
    verifyWebhook(rawBody: string, headers: WebhookHeaders) {
      if (!webhooks) throw new Error('createBatonClient needs webhookSecret to verify webhooks.');
      return verifyWith(webhooks, rawBody, headers);
    },
  };
}
