import type { Queryable } from '../db/database.js';
import { defaultRules } from '../rules/default-rules.js';
import type { Rule, RuleInput } from '../rules/schema.js';
import { BatonError } from '../core/errors.js';
import { newId } from '../core/ids.js';

type Raw = { id: string; name: string; position: number; enabled: boolean; conditions: Rule['conditions']; action: Rule['action'] };
const toRule = (r: Raw): Rule => ({ id: r.id, name: r.name, position: Number(r.position), enabled: r.enabled, conditions: r.conditions, action: r.action });

/** An agent's rules in order; the default set until an admin first changes them. */
export async function listRules(q: Queryable, agentId: string): Promise<Rule[]> {
  const agent = await q.query<{ rules_initialized: boolean }>(`SELECT rules_initialized FROM ai_agents WHERE id = $1`, [agentId]);
  if (!agent.rows[0]?.rules_initialized) return defaultRules();
  const { rows } = await q.query<Raw>(
    `SELECT id, name, position, enabled, conditions, action FROM rules WHERE agent_id = $1 ORDER BY position, id`,
    [agentId],
  );
  return rows.map(toRule);
}

/**
 * The stored id of a default rule once copied in: derived from the agent and the default's id, so a change aimed at a
 * default the admin saw before the copy (`default-vip`) reaches its copy (ids are unique across agents).
 */
/** A default rule's id (what a page loaded before the first change holds) as the agent's stored copy of it. */
export const copiedDefaultId = (agentId: string, id: string) => (id.startsWith('default-') ? `rul_${agentId}_${id.slice('default-'.length)}` : id);

/** Writes start from what the agent sees: the first change copies the default set in. */
async function materialize(q: Queryable, agentId: string): Promise<void> {
  const { rows } = await q.query<{ rules_initialized: boolean }>(`SELECT rules_initialized FROM ai_agents WHERE id = $1 FOR UPDATE`, [agentId]);
  if (!rows[0] || rows[0].rules_initialized) return;
  for (const r of defaultRules()) {
    await q.query(`INSERT INTO rules (id, agent_id, name, position, enabled, conditions, action) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      copiedDefaultId(agentId, r.id), agentId, r.name, r.position, r.enabled, JSON.stringify(r.conditions), JSON.stringify(r.action),
    ]);
  }
  await q.query(`UPDATE ai_agents SET rules_initialized = TRUE WHERE id = $1`, [agentId]);
}

export async function insertRule(q: Queryable, agentId: string, rule: RuleInput): Promise<Rule> {
  await materialize(q, agentId);
  const { rows } = await q.query<Raw>(
    `INSERT INTO rules (id, agent_id, name, position, enabled, conditions, action)
     VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM rules WHERE agent_id = $2), $4, $5, $6)
     RETURNING id, name, position, enabled, conditions, action`,
    [newId('rul'), agentId, rule.name, rule.enabled, JSON.stringify(rule.conditions), JSON.stringify(rule.action)],
  );
  return toRule(rows[0]!);
}

export async function updateRule(q: Queryable, agentId: string, defaultOrStoredId: string, rule: RuleInput): Promise<Rule | undefined> {
  await materialize(q, agentId);
  const id = copiedDefaultId(agentId, defaultOrStoredId);
  const { rows } = await q.query<Raw>(
    `UPDATE rules SET name = $3, enabled = $4, conditions = $5, action = $6, updated_at = now() WHERE agent_id = $1 AND id = $2
     RETURNING id, name, position, enabled, conditions, action`,
    [agentId, id, rule.name, rule.enabled, JSON.stringify(rule.conditions), JSON.stringify(rule.action)],
  );
  return rows[0] ? toRule(rows[0]) : undefined;
}

export async function deleteRule(q: Queryable, agentId: string, defaultOrStoredId: string): Promise<boolean> {
  await materialize(q, agentId);
  const id = copiedDefaultId(agentId, defaultOrStoredId);
  if ((await q.query(`DELETE FROM rules WHERE agent_id = $1 AND id = $2`, [agentId, id])).rowCount === 0) return false;
  // Positions stay 1..n without gaps, so the number an admin reads next to a rule is its place in the list.
  await q.query(
    `UPDATE rules SET position = ranked.n FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM rules WHERE agent_id = $1) ranked
     WHERE rules.id = ranked.id AND rules.position <> ranked.n`,
    [agentId],
  );
  return true;
}

/**
 * Why a reorder is refused: ids that name none of this agent's rules (a typo, another agent's rule, one deleted since the
 * caller's page was loaded) and ids given twice. Skipping them silently answered 200 with the order unchanged, so the
 * caller never learned. A default id (`default-vip`) names the agent's copy of that default, as for PUT and DELETE.
 */
export function reorderMismatch(agentId: string, currentIds: readonly string[], givenIds: readonly string[]) {
  const known = new Set(currentIds.map((id) => copiedDefaultId(agentId, id)));
  const seen = new Set<string>();
  const issues: Array<{ path: string; code: 'unknown_rule' | 'duplicate_rule'; message: string }> = [];
  const unknownIds: string[] = [];
  const duplicateIds: string[] = [];
  for (const [i, given] of givenIds.entries()) {
    const id = copiedDefaultId(agentId, given);
    if (!known.has(id)) {
      unknownIds.push(given);
      issues.push({ path: `ids.${i}`, code: 'unknown_rule', message: `No rule of this AI agent has the id ${JSON.stringify(given)}.` });
    } else if (seen.has(id)) {
      duplicateIds.push(given);
      issues.push({ path: `ids.${i}`, code: 'duplicate_rule', message: `The rule ${JSON.stringify(given)} is given more than once.` });
    }
    seen.add(id);
  }
  return { unknownIds, duplicateIds, issues };
}

/**
 * New order = the given ids first (in that order), then any others as they were. An id that is not one of the agent's
 * rules, or one given twice, refuses the whole reorder (422 `validation_failed`) before anything is written.
 */
export async function reorderRules(q: Queryable, agentId: string, givenIds: readonly string[]): Promise<Rule[]> {
  // Validated on the list as materialized under the agent's lock, the list the positions are then written for; a refusal
  // throws and the caller's transaction rolls the copy of the defaults back, so nothing is half-written.
  await materialize(q, agentId);
  const current = (await listRules(q, agentId)).map((r) => r.id);
  const mismatch = reorderMismatch(agentId, current, givenIds);
  if (mismatch.issues.length > 0) {
    const named = [...mismatch.unknownIds.map((id) => `unknown ${id}`), ...mismatch.duplicateIds.map((id) => `duplicated ${id}`)].join(', ');
    throw new BatonError('validation_failed', `Nothing was reordered: ${named}. Send the ids of this AI agent's rules (as listed), each once.`, mismatch);
  }
  const ids = givenIds.map((id) => copiedDefaultId(agentId, id));
  const order = [...ids, ...current.filter((id) => !ids.includes(id))];
  for (const [i, id] of order.entries()) await q.query(`UPDATE rules SET position = $3 WHERE agent_id = $1 AND id = $2`, [agentId, id, i + 1]);
  return listRules(q, agentId);
}
