import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { parseMasterKey } from '../core/secrets.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { masterKeyFingerprint, verifyMasterKey } from '../store/master-key-check.js';
import { sendToAdminSocket } from '../cli/admin-socket.js';
import { BACKENDS, createScratchDatabase, openSuiteDatabase, POSTGRES_URL, warnIfPostgresSkipped } from './backends.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { runCli } from './child-cli.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

/**
 * A relay started with another master key than the one its database's secrets were sealed with used to start, accept
 * handoffs with 201, and then fail every delivery with "Unsupported state or unable to authenticate data" for hours.
 * Now it refuses to start and says which setting is wrong.
 */
describe.each(BACKENDS)('the master key is checked against the database (%s)', (backend) => {
  warnIfPostgresSkipped('master-key-check');
  const opened: Array<{ close: () => Promise<void> }> = [];
  afterAll(async () => {
    for (const o of opened) await o.close();
  });
  const fresh = async () => {
    const suite = await openSuiteDatabase(backend);
    opened.push(suite);
    return suite.db;
  };

  it('records the first key and refuses another, naming both fingerprints', async () => {
    const db = await fresh();
    await verifyMasterKey(db, parseMasterKey(KEY_A), 'the key in MASTER_KEY');
    await verifyMasterKey(db, parseMasterKey(KEY_A), 'the key in MASTER_KEY');
    const refused = await verifyMasterKey(db, parseMasterKey(KEY_B), 'the key in MASTER_KEY').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toContain(masterKeyFingerprint(parseMasterKey(KEY_A)));
    expect((refused as Error).message).toContain(masterKeyFingerprint(parseMasterKey(KEY_B)));
    expect((refused as Error).message).not.toContain(KEY_A);
  });

  it('proves the key of a database from before the check against a stored secret', async () => {
    const db = await fresh();
    const tenant = await createTenant(db, { name: 'Acme' });
    await createAgent(db, parseMasterKey(KEY_A), { tenantId: tenant.id, name: 'Bot' });
    await expect(verifyMasterKey(db, parseMasterKey(KEY_B), 'the key in MASTER_KEY')).rejects.toBeInstanceOf(ConfigError);
    await verifyMasterKey(db, parseMasterKey(KEY_A), 'the key in MASTER_KEY');
    await expect(verifyMasterKey(db, parseMasterKey(KEY_B), 'the key in MASTER_KEY')).rejects.toThrow(/does not open the secrets/);
  });
});

describe('a relay and the CLI started with the wrong master key (child processes)', () => {
  const STARTS_TIMEOUT_MS = 180_000;
  const children: ChildRelay[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    children.length = 0;
    for (const c of cleanups.splice(0)) await c();
  });

  it('embedded: a new MASTER_KEY on a DATA_DIR sealed with the generated key exits 78 and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-key-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = spawnRelay({ DATA_DIR: dataDir, MASTER_KEY: '' });
    children.push(first);
    await first.url;
    const tenant = /Created tenant (ten_\S+)/.exec((await sendToAdminSocket(dataDir, ['tenant:create', '--name', 'Acme'])).output)![1]!;
    expect((await sendToAdminSocket(dataDir, ['agent:create', '--tenant', tenant, '--name', 'Bot'])).code).toBe(0);
    expect(await first.kill('SIGTERM')).toBe(0);

    const wrong = spawnRelay({ DATA_DIR: dataDir, MASTER_KEY: KEY_B });
    children.push(wrong);
    // A relay that starts listening has accepted the wrong key: fail at once rather than wait for an exit.
    expect(await Promise.race([wrong.exited, wrong.url.then(() => 'listening')])).toBe(78);
    expect(wrong.output()).toMatch(/MASTER_KEY: the key in MASTER_KEY \(fingerprint \w+\) does not open the secrets stored in this database/);
    expect(wrong.output()).not.toMatch(/\n\s+at /); // one clear message, no stack

    const cli = await runCli(['agent:list'], { DATA_DIR: dataDir, MASTER_KEY: KEY_B });
    expect(cli.code).toBe(78);
    expect(cli.stderr).toMatch(/does not open the secrets/);
    // With the key it was made with (the generated DATA_DIR/master.key), the same directory still works.
    expect((await runCli(['agent:list'], { DATA_DIR: dataDir, MASTER_KEY: '' })).code).toBe(0);
  }, STARTS_TIMEOUT_MS);

  it.skipIf(!POSTGRES_URL)('PostgreSQL: a second relay with another MASTER_KEY exits 78', async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    const first = spawnRelay({ DATABASE_URL: scratch.url, MASTER_KEY: KEY_A });
    children.push(first);
    await first.url;
    const second = spawnRelay({ DATABASE_URL: scratch.url, MASTER_KEY: KEY_B });
    children.push(second);
    expect(await Promise.race([second.exited, second.url.then(() => 'listening')])).toBe(78);
    expect(second.output()).toMatch(new RegExp(`sealed with the key of fingerprint ${masterKeyFingerprint(parseMasterKey(KEY_A))}`));
  }, STARTS_TIMEOUT_MS);
});
