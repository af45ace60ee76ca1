import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminSession } from '../app-api/admin-session.js';
import { createAgent, rotateAppSecret } from '../relay/admin.js';
import { proxyToken } from './app-token.js';
import { startTestRelay, type TestRelay } from './harness.js';

/** The rules editor's API (/app/v1/agents/:id/rules…) over a real socket on PGlite: edit, delete, reorder, admin only. */
describe('the rules editor API of the Zendesk app', () => {
  let t: TestRelay;
  let token = '';
  let admin: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestRelay('pglite');
    const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    token = await proxyToken(secret, { tenant: t.tenantId }, { aud: t.url });
    admin = { 'x-baton-admin-session': signAdminSession(t.relay.masterKey, { tenantId: t.tenantId, zendeskUserId: 1, exp: Date.now() + 3_600_000 }) };
  });
  afterAll(() => t?.stop());

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = admin) => {
    const res = await fetch(`${t.url}/app/v1/agents/${t.agentId}/rules${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const names = async () => ((await call('GET', '')).body.rules as Array<{ name: string; position: number }>).map((r) => `${r.position}:${r.name}`);
  const rule = (name: string) => ({
    name,
    conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }, { field: 'confidence', operator: 'less_than', value: 0.5 }], any: [{ field: 'language', operator: 'is', value: 'de' }] },
    action: { type: 'handoff', reasonCode: 'policy', routing: { priority: 'high', tags: ['legal'], groupId: 42 }, messages: { en: 'A lawyer-savvy colleague joins.', de: 'Eine Kollegin übernimmt.' } },
  });

  it('adds a rule at the end, edits it, moves it, and keeps positions 1..n after a delete', async () => {
    const before = (await call('GET', '')).body.rules.length as number;
    const added = await call('POST', '', rule('Legal threats'));
    expect(added.status).toBe(201);
    expect(added.body.rule.position).toBe(before + 1);
    const id = added.body.rule.id as string;
    expect((await names()).at(-1)).toBe(`${before + 1}:Legal threats`);

    const edited = await call('PUT', `/${id}`, { ...rule('Legal threats (edited)'), enabled: false });
    expect(edited.status).toBe(200);
    expect(edited.body.rule).toMatchObject({ id, name: 'Legal threats (edited)', enabled: false, position: before + 1, action: { routing: { groupId: 42, tags: ['legal'] }, messages: { de: 'Eine Kollegin übernimmt.' } } });

    const ids = ((await call('GET', '')).body.rules as Array<{ id: string }>).map((r) => r.id);
    const reordered = await call('POST', '/reorder', { ids: [id, ...ids.filter((x) => x !== id)] });
    expect(reordered.body.rules[0]).toMatchObject({ id, position: 1 });

    const second = ids[0]!; // now at position 2
    const deleted = await call('DELETE', `/${second}`);
    expect(deleted.status).toBe(200);
    expect((deleted.body.rules as Array<{ position: number }>).map((r) => r.position)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    const last = await call('POST', '', rule('Newest'));
    expect(last.body.rule.position).toBe(before + 1);
    expect((await names()).at(-1)).toBe(`${before + 1}:Newest`);
    expect((await call('DELETE', `/${second}`)).status).toBe(404);
  });

  it("changes a default rule as the admin's first change: switch off, edit, move and delete reach the copies", async () => {
    const { agentId } = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Fresh bot' });
    const fresh = (method: string, path: string, body?: unknown) => fetch(`${t.url}/app/v1/agents/${agentId}/rules${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...admin },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const defaults = (await fresh('GET', '')).body.rules as Array<{ id: string; name: string }>;
    expect(defaults[1]!.id).toBe('default-human-request');
    const off = await fresh('POST', '/default-human-request/enabled', { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.rule).toMatchObject({ name: defaults[1]!.name, enabled: false });
    expect((await fresh('GET', '')).body.rules[1]).toMatchObject({ name: defaults[1]!.name, enabled: false });
    // The page still holds the ids it loaded before the copy: they keep working.
    expect((await fresh('PUT', '/default-vip', { ...rule('VIP, edited') })).body.rule).toMatchObject({ name: 'VIP, edited', position: 3 });
    const moved = await fresh('POST', '/reorder', { ids: ['default-low-confidence'] });
    expect(moved.body.rules[0].name).toBe(defaults.at(-1)!.name);
    expect((await fresh('DELETE', '/default-custom-trigger')).status).toBe(200);
    expect(((await fresh('GET', '')).body.rules as Array<{ name: string }>).map((r) => r.name)).not.toContain(defaults[0]!.name);
  });

  it('refuses a reorder with an unknown or repeated id, keeping the unsaved defaults, and takes their default ids as the copies', async () => {
    const { agentId } = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Reorder bot' });
    const send = (method: string, path: string, body?: unknown) => fetch(`${t.url}/app/v1/agents/${agentId}/rules${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...admin },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const ids = ((await send('GET', '')).body.rules as Array<{ id: string }>).map((r) => r.id);
    const refused = await send('POST', '/reorder', { ids: ['default-nope', ...ids] });
    expect([refused.status, refused.body.error.code, refused.body.error.details.unknownIds]).toEqual([422, 'validation_failed', ['default-nope']]);
    expect(refused.body.error.details.issues[0]).toMatchObject({ path: 'ids.0' });
    // Nothing was written: the agent still has the unsaved defaults, not copies of them.
    expect(((await send('GET', '')).body.rules as Array<{ id: string }>).map((r) => r.id)).toEqual(ids);
    const reversed = await send('POST', '/reorder', { ids: [...ids].reverse() });
    expect(reversed.status).toBe(200);
    const copies = (reversed.body.rules as Array<{ id: string }>).map((r) => r.id);
    expect(copies[0]).toBe(`rul_${agentId}_${ids.at(-1)!.slice('default-'.length)}`);
    // A page loaded before the copy may still send default ids; one rule named both ways is given twice.
    expect((await send('POST', '/reorder', { ids })).status).toBe(200);
    const twice = await send('POST', '/reorder', { ids: [ids[0], copies.at(-1)] });
    expect([twice.status, twice.body.error.details.duplicateIds]).toEqual([422, [copies.at(-1)]]);
  });

  it('answers every problem of a rule with the path of the row it concerns', async () => {
    const bad = await call('POST', '', { name: 'x', conditions: { all: [{ field: 'text', operator: 'contains', value: 'ok' }], any: [{ field: 'text', operator: 'matches', value: '(' }, { field: 'confidence', operator: 'contains', value: 'x' }] }, action: { type: 'handoff', reasonCode: 'other' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((bad.body.error.details.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(['conditions.any[0].value', 'conditions.any[1].operator']);
  });

  it('switches a default rule by its default id after the defaults were copied (a page opened before the first change)', async () => {
    const other = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Stale page bot' });
    const at = (path: string) => `${t.url}/app/v1/agents/${other.agentId}/rules${path}`;
    const send = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(at(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...admin }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const stale = ((await send('GET', '')).body.rules as Array<{ id: string; name: string }>);
    const [first, second] = stale;
    expect(first!.id).toMatch(/^default-/);
    // Another admin's change copies the defaults in (new ids) ...
    expect((await send('POST', `/${first!.id}/enabled`, { enabled: false })).status).toBe(200);
    // ... and this page, still holding the default id of the second rule, switches it.
    const switched = await send('POST', `/${second!.id}/enabled`, { enabled: false });
    expect(switched.status).toBe(200);
    expect(((await send('GET', '')).body.rules as Array<{ name: string; enabled: boolean }>).find((r) => r.name === second!.name)?.enabled).toBe(false);
  });

  it('answers a JSON null body like a client mistake or an empty body, never with a 500', async () => {
    const first = ((await call('GET', '')).body.rules as Array<{ id: string; enabled: boolean }>)[0]!;
    const toggled = await call('POST', `/${first.id}/enabled`, null);
    expect({ status: toggled.status, code: toggled.body.error?.code }).toEqual({ status: 422, code: 'validation_failed' });
    expect(((await call('GET', '')).body.rules as Array<{ id: string; enabled: boolean }>)[0]).toMatchObject(first);
    // The message test reads a missing turn as an empty one: null is answered as {} is.
    const tested = await call('POST', '/test', null);
    expect(tested).toEqual(await call('POST', '/test', {}));
  });

  it('refuses changes without an admin session (403 admin_required) but lets anyone with the app read and try the rules', async () => {
    const ids = ((await call('GET', '', undefined, {})).body.rules as Array<{ id: string }>).map((r) => r.id);
    for (const [method, path, body] of [['POST', '', rule('No')], ['PUT', `/${ids[0]}`, rule('No')], ['DELETE', `/${ids[0]}`, undefined], ['POST', '/reorder', { ids: ids.reverse() }], ['POST', `/${ids[0]}/enabled`, { enabled: false }]] as const) {
      const res = await call(method, path, body, {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('admin_required');
    }
    expect((await call('GET', '', undefined, {})).body.rules.map((r: { id: string }) => r.id)).toEqual(ids.reverse());
    expect((await call('POST', '/test', { turn: { text: 'hello' } }, {})).status).toBe(200);
  });
});
