import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { MIGRATIONS } from '../db/migrations.js';
import { BACKENDS, createScratchDatabase, warnIfPostgresSkipped } from './backends.js';
import { runCli } from './child-cli.js';
import { TEST_MASTER_KEY } from './harness.js';

const CLI_TIMEOUT_MS = 120_000;
const SCHEMA_AHEAD = /schema is newer than this relay/;
const EVERY_SCHEMA_AHEAD = new RegExp(SCHEMA_AHEAD.source, 'g');

/**
 * After a rollback the relay warned that it runs on a newer schema, but `npm run baton -- <command>` on the same database
 * said nothing: an operator running tenant:create or key:create after the rollback had no sign that the schema held
 * migrations this version does not know. Now the CLI prints the relay's warning once, on stderr, so the command's own
 * output on stdout (read by scripts) is unchanged.
 */
describe.each(BACKENDS)('the CLI on a database whose schema is newer than it (%s)', (backend) => {
  warnIfPostgresSkipped('cli-schema-ahead');
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** A database this build migrated, then migrated further by a "newer relay" (one more recorded migration). */
  const databaseAhead = async (recordFirst: Array<{ version: number; name: string }>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-schema-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
    if (scratch) cleanups.push(scratch.drop);
    const db = await openDatabase({ databaseUrl: scratch?.url, dataDir });
    for (const m of recordFirst) await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    await db.close();
    return { DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
  };

  it('warns once on stderr, naming the migration it does not know, and still runs the command', async () => {
    const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    const env = await databaseAhead([{ version: future, name: 'added by a newer relay' }]);
    const created = await runCli(['tenant:create', '--name', 'Acme'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created tenant ten_\S+ \(Acme\)\n/);
    expect(created.stdout).not.toMatch(SCHEMA_AHEAD);
    expect(created.stderr.match(EVERY_SCHEMA_AHEAD)).toHaveLength(1);
    expect(created.stderr).toContain(`${future} (added by a newer relay)`);
    expect(created.stderr).toContain('rollback running on a newer schema');
  }, CLI_TIMEOUT_MS);

  it('says nothing on a database at this version', async () => {
    const env = await databaseAhead([]);
    const listed = await runCli(['tenant:list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe('(none)\n');
    expect(listed.stderr).not.toMatch(SCHEMA_AHEAD);
  }, CLI_TIMEOUT_MS);
});
