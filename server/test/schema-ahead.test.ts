import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { MIGRATIONS } from '../db/migrations.js';
import { startRelay, type Relay } from '../runtime.js';
import { TEST_MASTER_KEY } from './harness.js';
import { createCapturedLog } from './log-capture.js';

const PINO_WARN = 40;
const SCHEMA_AHEAD = /schema is newer than this relay/;

/**
 * A rollback (an older relay started on a database a newer one migrated) ran without a word: the operator had no way to
 * see that the schema held migrations this relay does not know. It still starts (refusing would block rollbacks) and
 * says so once.
 */
describe('a relay started on a database whose schema is newer than it', () => {
  let relay: Relay | undefined;
  let dataDir = '';
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (recordFirst: Array<{ version: number; name: string }>) => {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-schema-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    for (const m of recordFirst) await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    await db.close();
    const captured = createCapturedLog();
    relay = await startRelay(loadConfig({ PORT: '0', DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, WORKERS: 'off' }), { log: captured.log });
    return captured;
  };

  it('starts and warns once, naming the migrations it does not know', async () => {
    const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    const captured = await start([{ version: future, name: 'added by a newer relay' }]);
    expect((await fetch(`${relay!.url}/ready`)).status).toBe(200);
    const warnings = captured.lines().filter((l) => SCHEMA_AHEAD.test(l.msg ?? ''));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(PINO_WARN);
    expect(warnings[0]!.msg).toContain(`${future} (added by a newer relay)`);
    expect(warnings[0]!.msg).toContain('rollback running on a newer schema');
  }, 60_000);
});
