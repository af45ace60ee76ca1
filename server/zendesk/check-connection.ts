import { authorizationHeader, type ZendeskCredentials } from './credentials.js';

/**
 * What the access check found, as a stable code: the app words each in the admin's language (the English `message`
 * stays for the CLI, logs and apps that do not know a newer code). Never reuse or rename one.
 */
export const ACCESS_CODES = [
  'connected',
  'zendesk_unreachable',
  'credentials_rejected',
  'not_admin',
  'tickets_forbidden',
  'tickets_failed',
  'webhooks_forbidden',
  'provisioning_unreadable',
] as const;
export type AccessCode = (typeof ACCESS_CODES)[number];

export interface ConnectionReport {
  ok: boolean;
  code: AccessCode;
  /** Plain words for the admin: what works, or what to fix. */
  message: string;
  /** Zendesk's HTTP status for the check that decided (null: no answer). */
  status: number | null;
  /** Who the connection acts as in Zendesk (name, else id), once Zendesk said. */
  user?: string;
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
  if (me.status === 0) return { ok: false, code: 'zendesk_unreachable', status: null, message: `Zendesk is unreachable at ${baseUrl}: ${String(me.body)}` };
  const account = (me.body as { user?: { id?: number | null; role?: string; name?: string } }).user;
  if (me.status === 401 || !account?.id) {
    return { ok: false, code: 'credentials_rejected', status: me.status, message: 'Zendesk did not accept the credentials (it treats the caller as an anonymous user). Reconnect the account.' };
  }
  const user = String(account.name ?? account.id);
  if (account.role !== 'admin') {
    return { ok: false, code: 'not_admin', status: me.status, user, message: `Connected as ${user}, who is not a Zendesk admin: provisioning webhooks and triggers needs an admin.` };
  }
  const tickets = await get('/api/v2/tickets?page[size]=1');
  if (tickets.status === 403) {
    return { ok: false, code: 'tickets_forbidden', status: 403, user, message: 'The token lacks ticket access: grant the scopes tickets:write (or read + write) to the OAuth client.' };
  }
  if (tickets.status >= 400) return { ok: false, code: 'tickets_failed', status: tickets.status, user, message: `Reading tickets failed with HTTP ${tickets.status}.` };
  const hooks = await get('/api/v2/webhooks?page[size]=1');
  if (hooks.status === 403) {
    return { ok: false, code: 'webhooks_forbidden', status: 403, user, message: 'The token cannot manage webhooks: add the webhooks:write and triggers:write scopes.' };
  }
  return { ok: true, code: 'connected', status: 200, user, message: `Connected to Zendesk as ${user} (admin); tickets and webhooks are accessible.` };
}
