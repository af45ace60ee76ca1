import { SessionViewSchema, type SessionView } from './schema.js';
import type { ZafClient } from './zaf.js';

export type LoadResult =
  | { kind: 'session'; session: SessionView }
  | { kind: 'none' }
  | { kind: 'error'; problem: 'unreachable' | 'secret' | 'not_connected' | 'unexpected' };

/**
 * Calls the relay through Zendesk's request proxy with a JWT signed by the app's secure shared secret
 * (the secret never reaches this iframe).
 */
export function createRelayCall(client: ZafClient, settings: { relayUrl: string; tenantId: string }, extraHeaders: () => Record<string, string> = () => ({})) {
  return <T>(path: string, type: 'GET' | 'POST', body?: unknown) =>
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

  const problemOf = (error: unknown): LoadResult => {
    const status = (error as { status?: number }).status ?? 0;
    if (status === 404) return { kind: 'none' };
    if (status === 401) return { kind: 'error', problem: 'secret' };
    if (status === 403 || status === 409) return { kind: 'error', problem: 'not_connected' };
    return { kind: 'error', problem: status === 0 || status >= 502 ? 'unreachable' : 'unexpected' };
  };

  return {
    async load(ticketId: string): Promise<LoadResult> {
      try {
        const body = await call<unknown>(`/app/v1/tickets/${encodeURIComponent(ticketId)}/session`, 'GET');
        const parsed = SessionViewSchema.safeParse((typeof body === 'string' ? JSON.parse(body) : body as { session: unknown }).session);
        return parsed.success ? { kind: 'session', session: parsed.data } : { kind: 'error', problem: 'unexpected' };
      } catch (error) {
        return problemOf(error);
      }
    },
    /** A short-lived URL for the live stream the sidebar opens directly (Zendesk's proxy cannot stream). */
    async streamUrl(sessionId: string): Promise<string | undefined> {
      try {
        const body = await call<unknown>(`/app/v1/sessions/${encodeURIComponent(sessionId)}/stream-token`, 'POST', {});
        const url = (typeof body === 'string' ? JSON.parse(body) : body) as { url?: unknown };
        return typeof url.url === 'string' && /^https?:\/\//.test(url.url) ? url.url : undefined;
      } catch {
        return undefined;
      }
    },
    parse(json: string): LoadResult {
      const parsed = SessionViewSchema.safeParse(JSON.parse(json));
      return parsed.success ? { kind: 'session', session: parsed.data } : { kind: 'error', problem: 'unexpected' };
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
    async returnToAi(sessionId: string, note: string): Promise<LoadResult> {
      try {
        const body = await call<unknown>(`/app/v1/sessions/${encodeURIComponent(sessionId)}/return-to-ai`, 'POST', note ? { note } : {});
        const parsed = SessionViewSchema.safeParse((typeof body === 'string' ? JSON.parse(body) : body as { session: unknown }).session);
        return parsed.success ? { kind: 'session', session: parsed.data } : { kind: 'error', problem: 'unexpected' };
      } catch (error) {
        return problemOf(error);
      }
    },
  };
}

export type RelayApi = ReturnType<typeof createRelayApi>;
