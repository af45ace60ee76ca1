import { randomUUID } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSocketDir, adminSocketPath, sendToAdminSocket } from '../cli/admin-socket.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY } from './harness.js';

/** A fresh embedded database runs initdb: tens of seconds on a loaded 2-core machine. */
const STARTS_TIMEOUT_MS = 240_000;

/** Every path under `root` whose mode lets group or others in, as "path 0mode". */
function loosePaths(root: string): string[] {
  const loose: string[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    if ((st.mode & 0o077) !== 0) loose.push(`${path} 0${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return loose;
}

function countFiles(root: string): number {
  let n = 0;
  for (const entry of readdirSync(root, { recursive: true })) if (lstatSync(join(root, String(entry))).isFile()) n++;
  return n;
}

/** The child inherits the umask at spawn: a loose one (000) is what an operator's shell might have. */
function spawnWithUmask(umask: number, env: Record<string, string>): ChildRelay {
  const previous = process.umask(umask);
  try {
    return spawnRelay(env);
  } finally {
    process.umask(previous);
  }
}

async function admin(dataDir: string, argv: string[]): Promise<string> {
  const reply = await sendToAdminSocket(dataDir, argv);
  expect(reply.code, reply.output).toBe(0);
  return reply.output;
}

describe('DATA_DIR and the admin socket are private to the relay user', () => {
  const children: ChildRelay[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    children.length = 0;
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const scratch = () => {
    const parent = mkdtempSync(join(tmpdir(), 'baton-modes-'));
    dirs.push(parent);
    return parent;
  };

  it('leaves no file readable by others after a handoff under umask 000, and the socket is 0600 in a 0700 directory', async () => {
    const dataDir = join(scratch(), 'data');
    const relay = spawnWithUmask(0o000, { DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY });
    children.push(relay);
    const url = await relay.url;

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(adminSocketDir(dataDir)).mode & 0o777).toBe(0o700);
    const socket = statSync(adminSocketPath(dataDir));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);

    // The CLI still finds the socket: provision through it, as an operator would.
    const tenantId = /Created tenant (ten_\S+)/.exec(await admin(dataDir, ['tenant:create', '--name', 'Acme']))![1]!;
    const agentOut = await admin(dataDir, ['agent:create', '--tenant', tenantId, '--name', 'Bot', '--callback-url', 'http://127.0.0.1:9/hook']);
    const agentId = /Created AI agent (agt_\S+)/.exec(agentOut)![1]!;
    const apiKey = /shown once, store it now\): (\S+)/.exec(await admin(dataDir, ['key:create', '--agent', agentId]))![1]!;
    const res = await fetch(`${url}/v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(handoffBody()),
    });
    expect(res.status).toBe(201);

    expect(await relay.kill('SIGTERM')).toBe(0);
    expect(countFiles(dataDir)).toBeGreaterThan(100); // the database really is in there
    expect(loosePaths(dataDir)).toEqual([]);
  }, STARTS_TIMEOUT_MS);

  it('tightens what an older version left readable, and refuses a DATA_DIR that others may write', async () => {
    const dataDir = join(scratch(), 'data');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'pglite'), 0o755);
    writeFileSync(join(dataDir, 'pglite', 'old-segment'), 'customer text');
    chmodSync(join(dataDir, 'pglite', 'old-segment'), 0o666);
    const relay = spawnRelay({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY });
    children.push(relay);
    await relay.url;
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'pglite', 'old-segment')).mode & 0o777).toBe(0o600);
    await relay.kill('SIGTERM');

    chmodSync(dataDir, 0o777);
    const refused = spawnRelay({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY });
    children.push(refused);
    expect(await refused.exited).toBe(78);
    expect(refused.output()).toMatch(/DATA_DIR: .* is writable by group or others \(mode 0777\)/);
  }, STARTS_TIMEOUT_MS);
});
