import { EarlierPageSchema, SessionViewSchema, type SessionView } from './schema.js';
import type { ZafClient } from './zaf.js';
import { relayErrorBody } from './relay-error-body.js';
import { relayJson } from './relay-json.js';
import { relayUnreachable } from './relay-unreachable.js';

/**
 * The newest messages the sidebar asks for: a first screen's worth and some to scroll, not the whole conversation
 * (a 1,000-message transcript would cost its JSON, the proxy's postMessage and the parsing before anything shows).
 */
export const WINDOW_MESSAGES = 24;
const WINDOW = `window=${WINDOW_MESSAGES}`;

export type LoadResult = { kind: 'session'; session: SessionView } | { kind: 'none' };

/**
 * Why the relay could not be read: not reachable (network, 5xx), `secret` (401: the app's shared secret or tenant
 * id is wrong), `not_connected` (the account is not connected yet), `misconfigured` (the relay URL setting is not a
 * URL, or points at something that is not Baton), `rate_limited` (429: the relay is shedding this account's load for
 * a while), `unexpected` (an answer this app does not understand).
 */
export type LoadProblem = 'unreachable' | 'secret' | 'not_connected' | 'misconfigured' | 'rate_limited' | 'unexpected';
export class LoadError extends Error {
  constructor(readonly problem: LoadProblem) {
    super(problem);
  }
}

/**
 * The answer to an agent's action: the session as it is now, or why not. `conflict` (409) means the session moved
 * on meanwhile (another agent, the platform); a failure never replaces what the sidebar shows. `alreadyReturned`:
 * Return to AI found the session returned by someone else first, so the agent's note was not sent.
 */
export type ActionResult =
  | { kind: 'session'; session: SessionView }
  | { kind: 'alreadyReturned'; session: SessionView }
  | { kind: 'failed'; problem: 'conflict' | 'unreachable' | 'secret' | 'unexpected' };

/**
 * Calls the relay through Zendesk's request proxy with a JWT signed by the app's secure shared secret
 * (the secret never reaches this iframe).
 */
export function createRelayCall(client: ZafClient, settings: { relayUrl: string; tenantId: string }, extraHeaders: () => Record<string, string> = () => ({})) {
  return <T>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown) =>
    client.request<T>({
      url: `${settings.relayUrl.replace(/\/$/, '')}${path}`,
      type,
      secure: true,
      cors: false,
      contentType: 'application/json',
      ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      headers: { ...extraHeaders(), Authorization: 'Bearer {{jwt.token}}' },
      jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 60, claims: { tenant: settings.tenantId, aud: settings.relayUrl.replace(/\/$/, '') } },
    });
}

export function createRelayApi(client: ZafClient, settings: { relayUrl: string; tenantId: string }) {
  const call = createRelayCall(client, settings);

  const problemOf = (error: unknown): LoadProblem | undefined => {
    const { status = 0, code } = relayErrorBody(error) ?? {};
    // A 404 is "no handoff" only when Baton says so; another server's 404 means the relay URL is wrong.
    if (status === 404) return code === 'session_not_found' ? undefined : 'misconfigured';
    if (status === 401) return 'secret';
    if (status === 403 || status === 409) return 'not_connected';
    if (status === 429) return 'rate_limited';
    return relayUnreachable(error) ? 'unreachable' : 'unexpected';
  };

  /** POSTs an action on a session; the relay answers with the session's new view. */
  const act = async (sessionId: string, action: 'return-to-ai' | 'take-over', body: { note?: string; agentName?: string; idempotencyKey?: string }): Promise<ActionResult> => {
    try {
      const answer = await call<unknown>(`/app/v1/sessions/${encodeURIComponent(sessionId)}/${action}?${WINDOW}`, 'POST', body);
      // Not JSON (a proxy's HTML page) reads as undefined: the relay answered, so it is unexpected, not unreachable.
      const json = relayJson(answer) as { session?: unknown; alreadyReturned?: unknown } | undefined;
      const parsed = SessionViewSchema.safeParse(json?.session);
      if (!parsed.success) return { kind: 'failed', problem: 'unexpected' };
      // An older relay does not say: its answer reads as "returned now", as it always did.
      return { kind: json?.alreadyReturned === true ? 'alreadyReturned' : 'session', session: parsed.data };
    } catch (error) {
      const status = relayErrorBody(error)?.status ?? 0;
      const problem = status === 409 ? 'conflict' : status === 401 ? 'secret' : status === 0 || status >= 502 ? 'unreachable' : 'unexpected';
      return { kind: 'failed', problem };
    }
  };
  /** The agent's name is for the ticket's note only (the JWT proves the installation, not the agent). */
  const withAgent = (agentName: string | undefined): { agentName?: string } => (agentName ? { agentName: agentName.slice(0, 200) } : {});

  return {
    /** The ticket's session, or none; throws a LoadError the sidebar shows while it retries. */
    async load(ticketId: string): Promise<LoadResult> {
      if (!/^https?:\/\/[^/]/.test(settings.relayUrl)) throw new LoadError('misconfigured');
      let body: unknown;
      try {
        body = await call<unknown>(`/app/v1/tickets/${encodeURIComponent(ticketId)}/session?${WINDOW}`, 'GET');
      } catch (error) {
        const problem = problemOf(error);
        if (problem) throw new LoadError(problem);
        return { kind: 'none' };
      }
      // Baton answers a ticket's session as JSON with a `session`: anything else (a website's HTML page, another API)
      // means the relay URL setting leads somewhere else, which an admin must fix, not a relay answer to wait out.
      const json = relayJson(body);
      if (typeof json !== 'object' || json === null || !('session' in json)) throw new LoadError('misconfigured');
      const parsed = SessionViewSchema.safeParse(json.session);
      if (!parsed.success) throw new LoadError('unexpected');
      return { kind: 'session', session: parsed.data };
    },
    /**
     * A short-lived URL for the live stream the sidebar opens directly (Zendesk's proxy cannot stream); naming the
     * ticket lets the stream move on to the ticket's next handoff (the conversation escalated again).
     */
    async streamUrl(sessionId: string, ticketId: string): Promise<string | undefined> {
      try {
        const body = await call<unknown>(`/app/v1/sessions/${encodeURIComponent(sessionId)}/stream-token`, 'POST', { ticketId });
        const url = relayJson(body) as { url?: unknown } | undefined;
        return typeof url?.url === 'string' && /^https?:\/\//.test(url.url) ? `${url.url}&${WINDOW}` : undefined;
      } catch {
        return undefined;
      }
    },
    /** A session from the live stream; undefined for one this app cannot read, JSON or not (the poll still runs). */
    parse(json: string): SessionView | undefined {
      const parsed = SessionViewSchema.safeParse(relayJson(json));
      return parsed.success ? parsed.data : undefined;
    },
    /** Up to `limit` messages before the message `before`, oldest first; undefined when they cannot be read now. */
    async earlier(sessionId: string, before: string, limit: number) {
      try {
        const body = await call<unknown>(`/app/v1/sessions/${encodeURIComponent(sessionId)}/messages?before=${encodeURIComponent(before)}&limit=${limit}`, 'GET');
        const parsed = EarlierPageSchema.safeParse(relayJson(body));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    /** Sends a dead-lettered agent reply to the AI platform again. */
    async retryDelivery(sessionId: string, messageId: string): Promise<boolean> {
      try {
        await call(`/app/v1/sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/retry`, 'POST', {});
        return true;
      } catch {
        return false;
      }
    },
    /**
     * `idempotencyKey`: one per agent's action, sent again on its retry, so a retry whose first answer was lost (the
     * relay returned the session, the answer never came back) reads "returned now", not "someone else returned it".
     */
    returnToAi(sessionId: string, note: string, agentName?: string, idempotencyKey?: string): Promise<ActionResult> {
      return act(sessionId, 'return-to-ai', { ...(note ? { note } : {}), ...withAgent(agentName), ...(idempotencyKey ? { idempotencyKey } : {}) });
    },
    /** Moves a waiting session to `human` before the agent's first reply (the AI platform stops answering). */
    takeOver(sessionId: string, agentName?: string): Promise<ActionResult> {
      return act(sessionId, 'take-over', withAgent(agentName));
    },
  };
}

export type RelayApi = ReturnType<typeof createRelayApi>;
