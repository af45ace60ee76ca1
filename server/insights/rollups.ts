import type { Database, Queryable } from '../db/database.js';
import type { Combination, Range, Scope } from './queries.js';

/**
 * Daily rollups: per tenant, day and AI agent, the handoffs of each combination of reason, rule, intent
 * and language (with how many of them were escalated again within 7 days), and the conversations first
 * seen. A day is rolled once it is over a week old (period.ts `rollableBefore`): its handoffs and
 * conversations were created that day and never move, and their 7-day lookahead has passed. Outcomes
 * (replies, solves) can change later and are never rolled up.
 */
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Makes sure every day of [from, to) (midnights) is rolled up for the tenant. Cheap when they are: one
 * indexed count. Concurrent relays claim days with ON CONFLICT DO NOTHING, so each day is rolled once.
 */
export async function ensureRollups(db: Database, tenantId: string, [from, to]: Range): Promise<number> {
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  if (days <= 0) return 0;
  const done = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM insights_rolled_days WHERE tenant_id = $1 AND day >= $2::date AND day < $3::date`,
    [tenantId, day(from), day(to)],
  );
  if (Number(done.rows[0]!.n) >= days) return 0;
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ day: string }>(
      `INSERT INTO insights_rolled_days (tenant_id, day)
       SELECT $1, d::date FROM generate_series($2::timestamp, $3::timestamp - interval '1 day', interval '1 day') AS d
       ON CONFLICT DO NOTHING RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      [tenantId, day(from), day(to)],
    );
    const claimedDays = claimed.rows.map((r) => r.day);
    if (claimedDays.length === 0) return 0;
    await tx.query(
      `INSERT INTO insights_daily (tenant_id, day, agent_id, reason_code, rule_key, rule_label, intent, language, handoffs, reescalated)
       SELECT $1, d, agent_id, reason_code, rule_key, max(rule_label), intent, language, count(*), count(*) FILTER (WHERE again)
         FROM (SELECT (a.created_at AT TIME ZONE 'UTC')::date AS d, a.agent_id, a.reason_code, a.rule_key, a.rule_label, a.intent, a.language,
                      EXISTS (SELECT 1 FROM sessions b WHERE b.agent_id = a.agent_id AND b.customer_id = a.customer_id
                                 AND b.created_at > a.created_at AND b.created_at <= a.created_at + interval '7 days') AS again
                 FROM sessions a WHERE a.tenant_id = $1 AND a.created_at >= $2 AND a.created_at < $3
                  AND (a.created_at AT TIME ZONE 'UTC')::date = ANY($4::date[])) s
        GROUP BY d, agent_id, reason_code, rule_key, intent, language`,
      [tenantId, from, to, claimedDays],
    );
    await tx.query(
      `INSERT INTO insights_conversations_daily (tenant_id, day, agent_id, conversations)
       SELECT $1, d, agent_id, count(*)
         FROM (SELECT (first_seen_at AT TIME ZONE 'UTC')::date AS d, agent_id FROM conversations_seen
                WHERE tenant_id = $1 AND first_seen_at >= $2 AND first_seen_at < $3
                  AND (first_seen_at AT TIME ZONE 'UTC')::date = ANY($4::date[])) c
        GROUP BY d, agent_id`,
      [tenantId, from, to, claimedDays],
    );
    return claimedDays.length;
  });
}

const IN_SCOPE = `tenant_id = $1 AND ($2::text IS NULL OR agent_id = $2) AND day >= $3::date AND day < $4::date`;
const params = (scope: Scope, [from, to]: Range) => [scope.tenantId, scope.agentId, day(from), day(to)];

export async function rolledCombinations(q: Queryable, scope: Scope, range: Range): Promise<Combination[]> {
  const { rows } = await q.query<Combination>(
    `SELECT reason_code, rule_key, max(rule_label) AS rule_label, intent, language, sum(handoffs)::int AS handoffs
       FROM insights_daily WHERE ${IN_SCOPE} GROUP BY reason_code, rule_key, intent, language`,
    params(scope, range),
  );
  return rows.map((r) => ({ ...r, handoffs: Number(r.handoffs) }));
}

export async function rolledPerDay(q: Queryable, scope: Scope, range: Range, source: 'handoffs' | 'conversations'): Promise<Map<string, number>> {
  const [table, column] = source === 'handoffs' ? ['insights_daily', 'handoffs'] : ['insights_conversations_daily', 'conversations'];
  const { rows } = await q.query<{ day: string; n: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(${column})::int AS n FROM ${table} WHERE ${IN_SCOPE} GROUP BY day`,
    params(scope, range),
  );
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

export async function rolledReescalated(q: Queryable, scope: Scope, range: Range): Promise<number> {
  const { rows } = await q.query<{ n: number | null }>(`SELECT sum(reescalated)::int AS n FROM insights_daily WHERE ${IN_SCOPE}`, params(scope, range));
  return Number(rows[0]!.n ?? 0);
}
