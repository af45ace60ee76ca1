import { BatonError } from '../core/errors.js';
import { applyWaitingPatch, WaitingSettingsPatchSchema, type WaitingSettings } from '../core/waiting-settings.js';
import type { Database } from '../db/database.js';
import { findWaitingSettings, saveWaitingSettings } from '../store/waiting.js';

/**
 * Reading and changing an AI agent's waiting settings (API, CLI, and the admin page when it exists).
 * A change applies to sessions whose ticket is created after it: a running session keeps the policy
 * it started with.
 */
export async function getWaitingSettings(db: Database, agentId: string): Promise<WaitingSettings> {
  const settings = await findWaitingSettings(db, agentId);
  if (!settings) throw new BatonError('agent_not_found');
  return settings;
}

export async function updateWaitingSettings(db: Database, agentId: string, input: unknown): Promise<WaitingSettings> {
  const patch = WaitingSettingsPatchSchema.safeParse(input);
  if (!patch.success) {
    const first = patch.error.issues[0]!;
    throw new BatonError('validation_failed', `${first.path.join('.') || 'body'}: ${first.message}`, {
      issues: patch.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return db.transaction(async (tx) => {
    const current = await findWaitingSettings(tx, agentId);
    if (!current) throw new BatonError('agent_not_found');
    const next = applyWaitingPatch(current, patch.data);
    await saveWaitingSettings(tx, agentId, next);
    return next;
  });
}
