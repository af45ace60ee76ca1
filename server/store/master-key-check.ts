import { createHash } from 'node:crypto';
import { ConfigError } from '../config.js';
import { decryptSecret, encryptSecret } from '../core/secrets.js';
import type { Queryable } from '../db/database.js';

/** What the check row seals: any constant would do, GCM's tag is the proof. */
const CHECK_PLAINTEXT = 'baton master key check';

/** Columns holding values sealed with the master key; a database from before the check row proves its key with one. */
const SEALED_COLUMNS = [
  ['ai_agents', 'webhook_secret_enc'],
  ['ai_agents', 'previous_webhook_secret_enc'],
  ['tenants', 'zendesk_credentials_enc'],
  ['tenants', 'zendesk_webhook_secret_enc'],
  ['tenants', 'zendesk_events_secret_enc'],
  ['tenants', 'app_secret_enc'],
] as const;

/** A short, one-way name for a key, safe to print: it tells two keys apart without revealing either. */
export function masterKeyFingerprint(key: Buffer): string {
  return createHash('sha256').update('baton-master-key-fingerprint:').update(key).digest('hex').slice(0, 12);
}

function opens(key: Buffer, sealed: string): boolean {
  try {
    decryptSecret(key, sealed);
    return true;
  } catch {
    return false;
  }
}

async function anySealedSecret(db: Queryable): Promise<string | undefined> {
  for (const [table, column] of SEALED_COLUMNS) {
    const { rows } = await db.query<{ sealed: string }>(`SELECT ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL LIMIT 1`);
    if (rows[0]) return rows[0].sealed;
  }
  return undefined;
}

/**
 * Refuses a master key that cannot open this database's secrets. Without this a relay started with the wrong key (a
 * new MASTER_KEY on an old DATA_DIR, one relay of several with a typo) accepted handoffs and then failed every
 * delivery with "unable to authenticate data", retrying for hours before dead-lettering. The first start records a
 * sealed value (or, on a database from before this check, first proves the key against a stored secret).
 * `describeKey` says where the key came from, so the message names what to change.
 */
export async function verifyMasterKey(db: Queryable, key: Buffer, describeKey: string): Promise<void> {
  const refuse = (expected: string | undefined) =>
    new ConfigError(
      'Invalid configuration:\n' +
        `  MASTER_KEY: ${describeKey} (fingerprint ${masterKeyFingerprint(key)}) does not open the secrets stored in this database` +
        `${expected ? `, which were sealed with the key of fingerprint ${expected}` : ''}. ` +
        'Start with the key the database was created with (every relay on one database needs the same key); ' +
        'a different key would leave every Zendesk connection and webhook signing secret unreadable.',
    );
  const read = async () => (await db.query<{ sealed: string; fingerprint: string }>('SELECT sealed, fingerprint FROM master_key_check')).rows[0];
  let check = await read();
  if (!check) {
    const legacy = await anySealedSecret(db);
    if (legacy !== undefined && !opens(key, legacy)) throw refuse(undefined);
    // Two relays starting at once on a fresh PostgreSQL: one row wins, and the loser is judged against it below.
    await db.query('INSERT INTO master_key_check (sealed, fingerprint) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
      encryptSecret(key, CHECK_PLAINTEXT),
      masterKeyFingerprint(key),
    ]);
    check = await read();
  }
  if (!check || !opens(key, check.sealed)) throw refuse(check?.fingerprint);
}
