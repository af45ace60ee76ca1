import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkZendeskConnection } from './check-connection.js';

/** A Zendesk that answers each path as the case says (over a real socket, as the relay calls it). */
let answers: Record<string, [number, unknown]> = {};
let server: Server;
let baseUrl = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, body] = answers[(req.url ?? '').split('?')[0]!] ?? [200, {}];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const credentials = { type: 'oauth' as const, accessToken: 'tok' };
const admin = { user: { id: 7, role: 'admin', name: 'Ada Admin' } };

describe('the Zendesk access check: a stable code for each finding, the English words beside it', () => {
  it('names what it found with a code the app can word, and who the connection acts as', async () => {
    const cases: Array<[Record<string, [number, unknown]>, object]> = [
      [{ '/api/v2/users/me': [200, admin] }, { ok: true, code: 'connected', user: 'Ada Admin' }],
      [{ '/api/v2/users/me': [200, { user: { id: null, name: 'Anonymous user' } }] }, { ok: false, code: 'credentials_rejected' }],
      [{ '/api/v2/users/me': [200, { user: { id: 8, role: 'agent', name: 'Sam' } }] }, { ok: false, code: 'not_admin', user: 'Sam' }],
      [{ '/api/v2/users/me': [200, admin], '/api/v2/tickets': [403, {}] }, { ok: false, code: 'tickets_forbidden', status: 403 }],
      [{ '/api/v2/users/me': [200, admin], '/api/v2/tickets': [500, {}] }, { ok: false, code: 'tickets_failed', status: 500 }],
      [{ '/api/v2/users/me': [200, admin], '/api/v2/webhooks': [403, {}] }, { ok: false, code: 'webhooks_forbidden' }],
    ];
    for (const [zendesk, expected] of cases) {
      answers = zendesk;
      const report = await checkZendeskConnection(baseUrl, credentials);
      expect(report, JSON.stringify(zendesk)).toMatchObject(expected);
      expect(report.message.length).toBeGreaterThan(0);
    }
  });

  it('tells an unreachable Zendesk apart', async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise<void>((r) => gone.close(() => r()));
    expect(await checkZendeskConnection(url, credentials)).toMatchObject({ ok: false, code: 'zendesk_unreachable', status: null });
  });
});
