import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { generateMasterKey, parseMasterKey } from './core/secrets.js';

/**
 * The key that seals secrets at rest. Production sets MASTER_KEY. For `npm start` with nothing set,
 * the embedded setup generates one into DATA_DIR (next to the database it protects). A shared
 * PostgreSQL needs the same key in every relay process, so there MASTER_KEY is required.
 */
export function loadMasterKey(config: Config): { key: Buffer; source: 'env' | 'generated' | 'file'; description: string } {
  if (config.masterKey) {
    try {
      return { key: parseMasterKey(config.masterKey), source: 'env', description: 'the key in MASTER_KEY' };
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  MASTER_KEY: ${(error as Error).message}`);
    }
  }
  if (config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  MASTER_KEY: required with DATABASE_URL (every relay process must share it); ' +
        'generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"',
    );
  }
  const path = join(config.dataDir, 'master.key');
  if (existsSync(path)) return { key: parseMasterKey(readFileSync(path, 'utf8')), source: 'file', description: `the key in ${path} (MASTER_KEY unset)` };
  mkdirSync(config.dataDir, { recursive: true });
  const text = generateMasterKey();
  writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key: parseMasterKey(text), source: 'generated', description: `a key just generated into ${path} (MASTER_KEY unset, no key file found)` };
}
