import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/dir-lock.js';
import { openDatabase } from '../db/open.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';

describe('configuration', () => {
  it('starts with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8787, dataDir: '.baton-data', databaseUrl: undefined, logLevel: 'info' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });
});

describe('configuration an operator mistypes', () => {
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('reads an empty variable as unset, not as 0 (any port, limits off, never purge)', () => {
    const blank = { PORT: '', RATE_LIMIT_AUTH_FAILURES_PER_IP: ' ', RATE_LIMIT_REQUESTS_PER_KEY: '', PURGE_INTERVAL_MS: '', ATTACHMENT_MAX_BYTES: '', PUBLIC_BASE_URL: '' };
    const c = loadConfig(blank);
    expect(c.port).toBe(8787);
    expect(c.rateLimits).toMatchObject({ authFailuresPerIp: 20, requestsPerKey: 600 });
    expect(c.purgeIntervalMs).toBe(3_600_000);
    expect(c.attachments.maxBytes).toBe(20 * 1024 * 1024);
    expect(c.publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PORT: ' 9000 ', RATE_LIMIT_REQUESTS_PER_KEY: '0' })).toMatchObject({ port: 9000, rateLimits: { requestsPerKey: 0 } });
  });

  it('reads every variable left empty or blank as unset: the same configuration as none set', () => {
    // APP_ORIGINS= allowed no origin at all (the sidebar's live stream shut out); HOST=, LOG_LEVEL=, WORKERS= and the
    // other strings stopped the relay; MASTER_KEY= was kept as a key.
    for (const blank of ['', ' ']) {
      const env = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, blank]));
      expect(loadConfig(env)).toEqual(loadConfig({}));
    }
    expect(loadConfig({ APP_ORIGINS: '' }).appOrigins).toEqual(['https://*.apps.zdusercontent.com', 'http://localhost:*', 'http://127.0.0.1:*']);
    expect(loadConfig({ APP_ORIGINS: ' https://a.example , https://b.example ' }).appOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(problem({ APP_ORIGINS: ' , ' })).toMatch(/APP_ORIGINS: must name at least one origin/);
  });

  it('refuses numbers that are not plain digits', () => {
    for (const port of ['1e3', '0x50', '-1', '80.5', '8080abc']) expect(problem({ PORT: port }), port).toMatch(/PORT: must be a whole number/);
  });

  it('refuses half an OAuth client and a PUBLIC_BASE_URL that is not http(s)', () => {
    expect(problem({ ZENDESK_CLIENT_ID: 'baton' })).toMatch(/set both ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET/);
    expect(problem({ ZENDESK_CLIENT_SECRET: 'shh' })).toMatch(/set both ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET/);
    expect(problem({ PUBLIC_BASE_URL: 'ftp://baton.example.com' })).toMatch(/PUBLIC_BASE_URL: must be an http\(s\) URL/);
  });
});

describe('one process per embedded data directory', () => {
  // Three relay processes start one after another; on a busy 2-core CI box one start (tsx, migrations) took over 10 s.
  const THREE_STARTS_TIMEOUT_MS = 180_000;
  const children: ChildRelay[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    children.length = 0;
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a second opener in the same process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    dirs.push(dir);
    const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    await expect(openDatabase({ databaseUrl: undefined, dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await db.close();
    const again = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    await again.close();
  }, THREE_STARTS_TIMEOUT_MS);

  // A container's relay gets the same pid (1, or another low one) and hostname after every restart: a lock left by a
  // killed predecessor names the starting process itself, which used to take it for a live holder and exit 78 forever.
  it('takes over a lock left by an earlier process that had this pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'pglite'), { recursive: true });
    writeFileSync(join(dir, 'pglite', 'baton.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-12-01T00:00:00.000Z' }));
    const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    // Once taken over, the lock is this process's own again: a second opener here is still refused.
    await expect(openDatabase({ databaseUrl: undefined, dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await db.close();
  }, THREE_STARTS_TIMEOUT_MS);

  it('names the lock file to delete when the holder is on another host, which cannot be probed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'pglite'), { recursive: true });
    const lock = join(dir, 'pglite', 'baton.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'baton-7f9c-gone', since: '2026-12-01T00:00:00.000Z' }));
    const refused = await openDatabase({ databaseUrl: undefined, dataDir: dir }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`if baton-7f9c-gone is gone, delete ${realpathSync(lock)} and start again`);
  }, THREE_STARTS_TIMEOUT_MS);

  it('makes a second relay process exit with a clear message, and takes over after a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    dirs.push(dir);
    const first = spawnRelay({ DATA_DIR: dir });
    children.push(first);
    await first.url;
    const second = spawnRelay({ DATA_DIR: dir });
    children.push(second);
    expect(await second.exited).toBe(78);
    expect(second.output()).toMatch(/in use by process \d+/);
    await first.kill('SIGKILL');
    const third = spawnRelay({ DATA_DIR: dir });
    children.push(third);
    const url = await third.url;
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  }, THREE_STARTS_TIMEOUT_MS);

  it('refuses DATABASE_URL without MASTER_KEY at startup', async () => {
    const child = spawnRelay({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', MASTER_KEY: '' });
    children.push(child);
    expect(await child.exited).toBe(78);
    expect(child.output()).toMatch(/MASTER_KEY: required with DATABASE_URL/);
  }, THREE_STARTS_TIMEOUT_MS / 3);
});

describe('a relay started with variables left empty (a compose or environment file)', () => {
  let child: ChildRelay | undefined;
  let dir = '';
  afterEach(async () => {
    await child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  // HOST= and LOG_LEVEL= stopped the relay; APP_ORIGINS= started it with no origin allowed, so the Zendesk app's
  // requests from its asset host lost their CORS headers and the sidebar could not reach the relay.
  it('starts with the defaults and lets the Zendesk app in', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-blank-'));
    child = spawnRelay({ DATA_DIR: dir, HOST: '', LOG_LEVEL: '', WORKERS: '', APP_ORIGINS: '', ZENDESK_URL_TEMPLATE: '' });
    const url = await child.url;
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const origin = 'https://12345.apps.zdusercontent.com';
    const preflight = await fetch(`${url}/app/v1/sessions/ses_x/take-over`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  }, 60_000);

  // A token kept in a secret file (`openssl rand -hex 32 > f`, a Kubernetes secret) ends in a newline, which
  // Prometheus's credentials_file strips: the relay compared against the newline and answered every scrape 401.
  it('takes METRICS_TOKEN without the trailing newline of the file it came from', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-blank-'));
    const token = 'a3f1c9e07b2d4e6f8a0b1c2d3e4f5a6b';
    child = spawnRelay({ DATA_DIR: dir, METRICS_TOKEN: `${token}\n` });
    const url = await child.url;
    const scrape = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('baton_');
  }, 60_000);
});

describe('a relay whose stdout is not a terminal (a container, a log shipper)', () => {
  let child: ChildRelay | undefined;
  let dir = '';
  afterEach(async () => {
    await child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // The human banner (six lines of prose) sat between the JSON log lines: a shipper reading one JSON object per line
  // turned each of them into a malformed event.
  it('writes only JSON lines to stdout, the readiness line among them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-stdout-'));
    child = spawnRelay({ DATA_DIR: dir, LOG_LEVEL: 'info' });
    const url = await child.url;
    expect(await child.kill('SIGTERM')).toBe(0);
    const lines = child.stdout().split('\n').filter((line) => line !== '');
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as { msg?: string };
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
    });
    expect(parsed.map((l) => l.msg)).toContain(`listening on ${url}`);
    expect(parsed.map((l) => l.msg)).toContain('shutting down');
  }, 60_000);
});
