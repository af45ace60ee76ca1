import { authorizationHeader, type ZendeskCredentials } from './credentials.js';

export interface ConnectionReport {
  ok: boolean;
  /** Plain words for the admin: what works, or what to fix. */
  message: string;
  status: number | null;
}

/**
 * Proves real access with calls that fail on bad credentials: `GET /users/me` answers 200 "Anonymous
 * user" to anyone, so it counts only with a real id, and a ticket read shows the token's scopes.
 */
export async function checkZendeskConnection(baseUrl: string, credentials: ZendeskCredentials): Promise<ConnectionReport> {
  const get = async (path: string) => {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        headers: { authorization: authorizationHeader(credentials), accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Keep text.
      }
      return { status: res.status, body };
    } catch (error) {
      return { status: 0, body: (error as Error).message };
    }
  };
  const me = await get('/api/v2/users/me');
  if (me.status === 0) return { ok: false, status: null, message: `Zendesk is unreachable at ${baseUrl}: ${String(me.body)}` };
  const user = (me.body as { user?: { id?: number | null; role?: string; name?: string } }).user;
  if (me.status === 401 || !user?.id) {
    return { ok: false, status: me.status, message: 'Zendesk did not accept the credentials (it treats the caller as an anonymous user). Reconnect the account.' };
  }
  if (user.role !== 'admin') {
    return { ok: false, status: me.status, message: `Connected as ${user.name ?? user.id}, who is not a Zendesk admin: provisioning webhooks and triggers needs an admin.` };
  }
  const tickets = await get('/api/v2/tickets?page[size]=1');
  if (tickets.status === 403) {
    return { ok: false, status: 403, message: 'The token lacks ticket access: grant the scopes tickets:write (or read + write) to the OAuth client.' };
  }
  if (tickets.status >= 400) return { ok: false, status: tickets.status, message: `Reading tickets failed with HTTP ${tickets.status}.` };
  const hooks = await get('/api/v2/webhooks?page[size]=1');
  if (hooks.status === 403) {
    return { ok: false, status: 403, message: 'The token cannot manage webhooks: add the webhooks:write and triggers:write scopes.' };
  }
  return { ok: true, status: 200, message: `Connected to Zendesk as ${user.name ?? user.id} (admin); tickets and webhooks are accessible.` };
}
