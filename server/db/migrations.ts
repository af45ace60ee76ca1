import type { Database } from './database.js';

/**
 * Forward-only migrations, applied at startup in one transaction each. A transaction-scoped advisory
 * lock makes concurrent relay starts on one PostgreSQL apply each migration exactly once.
 * Never edit a released migration: add a new one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'relay core',
    sql: `
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  zendesk_subdomain text,
  zendesk_base_url text,
  zendesk_credentials_enc text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ai_agents (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  callback_url text,
  webhook_secret_enc text NOT NULL,
  handoff_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_agents_tenant ON ai_agents (tenant_id);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES ai_agents(id),
  secret_hash text NOT NULL,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_agent ON api_keys (agent_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  agent_id text NOT NULL REFERENCES ai_agents(id),
  conversation_id text NOT NULL,
  state text NOT NULL,
  version integer NOT NULL,
  last_event_at timestamptz,
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  end_user jsonb NOT NULL,
  reason_code text NOT NULL,
  reason_text text,
  summary text,
  priority text NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]',
  metadata jsonb NOT NULL DEFAULT '{}',
  signals jsonb NOT NULL DEFAULT '{}',
  routing jsonb NOT NULL DEFAULT '{}',
  rule jsonb,
  trigger_name text,
  handoff_message text,
  ticket_id text,
  ticket_requester_id text,
  message_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Exactly one open session per conversation of an AI agent (PRODUCT.md lifecycle).
CREATE UNIQUE INDEX sessions_one_open_per_conversation ON sessions (agent_id, conversation_id)
  WHERE state IN ('pending', 'waiting', 'human');
CREATE INDEX sessions_conversation ON sessions (agent_id, conversation_id, created_at DESC);
CREATE INDEX sessions_tenant_ticket ON sessions (tenant_id, ticket_id);

CREATE TABLE session_transitions (
  session_id text NOT NULL REFERENCES sessions(id),
  version integer NOT NULL,
  from_state text,
  to_state text NOT NULL,
  cause text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, version)
);

CREATE TABLE messages (
  session_id text NOT NULL REFERENCES sessions(id),
  seq integer NOT NULL,
  message_id text NOT NULL,
  role text NOT NULL,
  text text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  author_name text,
  source text NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, seq),
  UNIQUE (session_id, message_id)
);

CREATE TABLE idempotency_keys (
  agent_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, key)
);

-- The outbox: every outgoing effect, written in the transaction of the change it announces.
CREATE TABLE deliveries (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  tenant_id text NOT NULL,
  agent_id text NOT NULL,
  session_id text NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  locked_by text,
  last_error text,
  last_status integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_session_order ON deliveries (session_id, channel, seq) WHERE status = 'pending';
CREATE INDEX deliveries_dead ON deliveries (tenant_id, created_at) WHERE status = 'dead';
`,
  },
  {
    version: 2,
    name: 'zendesk inbound',
    sql: `
ALTER TABLE tenants ADD COLUMN zendesk_webhook_secret_enc text;
ALTER TABLE tenants ADD COLUMN zendesk_webhook_token_hash text;
-- Highest Zendesk comment id already relayed for the session (comments are synced by id, not by webhook).
ALTER TABLE sessions ADD COLUMN zendesk_comment_cursor bigint NOT NULL DEFAULT 0;
CREATE TABLE zendesk_inbox (
  tenant_id text NOT NULL,
  invocation_id text NOT NULL,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, invocation_id)
);
`,
  },
  {
    version: 3,
    name: 'zendesk oauth',
    sql: `
-- One row per authorization in progress: the PKCE verifier never leaves the relay.
CREATE TABLE oauth_states (
  state text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  code_verifier text NOT NULL,
  -- The Zendesk base URL the admin chose; the token exchange goes there.
  zendesk_base_url text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Reconciliation: where the incremental ticket export left off, and when a relay last ran it.
ALTER TABLE tenants ADD COLUMN zendesk_reconcile_cursor text;
ALTER TABLE tenants ADD COLUMN zendesk_reconciled_at timestamptz;
-- The Zendesk app's secure shared_secret setting: the key of the JWTs its requests carry.
ALTER TABLE tenants ADD COLUMN app_secret_enc text;
`,
  },
  {
    version: 4,
    name: 'escalation rules',
    sql: `
CREATE TABLE rules (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES ai_agents(id),
  name text NOT NULL,
  position integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL,
  action jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rules_agent ON rules (agent_id, position);
-- false until an admin first changes the rules: until then the agent uses the default rule set.
ALTER TABLE ai_agents ADD COLUMN rules_initialized boolean NOT NULL DEFAULT false;
`,
  },
  {
    version: 5,
    name: 'insights',
    sql: `
-- Milestones of a handoff, stamped once by the transition that reaches them (see recordTransition).
ALTER TABLE sessions ADD COLUMN first_reply_at timestamptz;
ALTER TABLE sessions ADD COLUMN returned_at timestamptz;
-- The dimensions insights group by, as plain columns so the queries read no JSON.
ALTER TABLE sessions ADD COLUMN customer_id text GENERATED ALWAYS AS (end_user->>'id') STORED;
ALTER TABLE sessions ADD COLUMN intent text GENERATED ALWAYS AS (NULLIF(signals->>'intent', '')) STORED;
ALTER TABLE sessions ADD COLUMN language text GENERATED ALWAYS AS (NULLIF(lower(split_part(end_user->>'locale', '-', 1)), '')) STORED;
ALTER TABLE sessions ADD COLUMN rule_key text GENERATED ALWAYS AS (COALESCE(rule->>'id', 'trigger:' || trigger_name)) STORED;
ALTER TABLE sessions ADD COLUMN rule_label text GENERATED ALWAYS AS (COALESCE(rule->>'name', trigger_name)) STORED;
UPDATE sessions s SET
  first_reply_at = (SELECT min(at) FROM session_transitions t WHERE t.session_id = s.id AND t.from_state = 'waiting' AND t.to_state = 'human'),
  returned_at = (SELECT min(at) FROM session_transitions t WHERE t.session_id = s.id AND t.to_state = 'returned');
-- Covering: a month of a big tenant is read from this index alone (index-only scan), not from the wide rows.
CREATE INDEX sessions_insights ON sessions (tenant_id, created_at)
  INCLUDE (agent_id, state, reason_code, rule_key, rule_label, intent, language, customer_id, first_reply_at, returned_at, ticket_id);
CREATE INDEX sessions_customer ON sessions (agent_id, customer_id, created_at);
-- The denominator of the handoff rate: every conversation an AI agent evaluated or handed off, once.
CREATE TABLE conversations_seen (
  agent_id text NOT NULL,
  conversation_id text NOT NULL,
  tenant_id text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, conversation_id)
);
CREATE INDEX conversations_seen_tenant_time ON conversations_seen (tenant_id, first_seen_at) INCLUDE (agent_id);
INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id, first_seen_at)
  SELECT agent_id, conversation_id, min(tenant_id), min(created_at) FROM sessions GROUP BY agent_id, conversation_id;
-- Daily rollups of what no longer changes once a day is over a week old (server/insights/rollups.ts).
CREATE TABLE insights_rolled_days (
  tenant_id text NOT NULL,
  day date NOT NULL,
  rolled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, day)
);
-- Handoffs per value of each dimension (reason, rule, intent, language), key '(none)' when absent.
CREATE TABLE insights_daily (
  tenant_id text NOT NULL,
  day date NOT NULL,
  agent_id text NOT NULL,
  dimension text NOT NULL,
  key text NOT NULL,
  label text NOT NULL,
  handoffs integer NOT NULL
);
CREATE INDEX insights_daily_tenant_day ON insights_daily (tenant_id, day);
CREATE TABLE insights_daily_totals (
  tenant_id text NOT NULL,
  day date NOT NULL,
  agent_id text NOT NULL,
  reescalated integer NOT NULL,
  PRIMARY KEY (tenant_id, day, agent_id)
);
-- Handoffs and conversations per quarter hour: buckets of any time zone (all offsets are whole quarter hours).
CREATE TABLE insights_quarter_hours (
  tenant_id text NOT NULL,
  bin timestamptz NOT NULL,
  agent_id text NOT NULL,
  handoffs integer NOT NULL DEFAULT 0,
  conversations integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, bin, agent_id)
);
`,
  },
  {
    version: 6,
    name: 'one ticket, many sessions',
    sql: `
-- The comment cursor belongs to the ticket, not to a session: a conversation escalated again reuses its
-- ticket, and a comment relayed under the first session must never be relayed again under the next.
CREATE TABLE ticket_cursors (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  comment_cursor bigint NOT NULL DEFAULT 0,
  -- The ticket status the last catch-up saw: only a change from solved to not solved is a reopen.
  last_status text,
  PRIMARY KEY (tenant_id, ticket_id)
);
INSERT INTO ticket_cursors (tenant_id, ticket_id, comment_cursor)
  SELECT tenant_id, ticket_id, max(zendesk_comment_cursor) FROM sessions WHERE ticket_id IS NOT NULL GROUP BY tenant_id, ticket_id;
-- Every ticket a session was ever on (a closed ticket's follow-up takes the session over): the sidebar of
-- the old ticket still finds its handoff.
CREATE TABLE session_tickets (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  session_id text NOT NULL REFERENCES sessions(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id, session_id)
);
INSERT INTO session_tickets (tenant_id, ticket_id, session_id, recorded_at)
  SELECT tenant_id, ticket_id, id, created_at FROM sessions WHERE ticket_id IS NOT NULL;
-- The conversation's session before this one: the sessions of a conversation form one history.
ALTER TABLE sessions ADD COLUMN previous_session_id text;
UPDATE sessions s SET previous_session_id = (
  SELECT p.id FROM sessions p WHERE p.agent_id = s.agent_id AND p.conversation_id = s.conversation_id
     AND p.created_at < s.created_at ORDER BY p.created_at DESC LIMIT 1);
-- What Return to AI does to the ticket: solved (default), pending or unchanged.
ALTER TABLE tenants ADD COLUMN return_to_ai_ticket_status text NOT NULL DEFAULT 'solved';
`,
  },
  {
    version: 7,
    name: 'retention and single-use connect links',
    sql: `
-- A connect link opens one OAuth flow: its MAC is recorded when used (kept until the link expires).
CREATE TABLE connect_links_used (
  link_mac text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX connect_links_used_expires ON connect_links_used (expires_at);
-- The purge job deletes by age.
CREATE INDEX zendesk_inbox_received_at ON zendesk_inbox (received_at);
CREATE INDEX oauth_states_created_at ON oauth_states (created_at);
`,
  },
  {
    version: 8,
    name: 'rate limits and admin sessions',
    sql: `
-- Counters of rate-limiter-flexible's PostgreSQL store (its own table layout), shared by every relay on this database.
-- UNLOGGED: counters need no crash safety, and skipping the WAL keeps the per-request upsert off the commit flush.
CREATE UNLOGGED TABLE IF NOT EXISTS rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
-- An OAuth state is either an operator's connect link ('connect') or a Zendesk user proving they are an admin
-- ('admin'); the admin flow posts its session back to the app page that opened it, at this origin.
ALTER TABLE oauth_states ADD COLUMN purpose text NOT NULL DEFAULT 'connect';
ALTER TABLE oauth_states ADD COLUMN app_origin text;
`,
  },
  {
    version: 9,
    name: 'onboarding from the app',
    sql: `
-- 'onboard': an unconfigured app installation connecting itself. No tenant exists yet (the relay finds or creates it
-- once the person proved they administer the subdomain), so tenant_id is empty until then.
ALTER TABLE oauth_states ALTER COLUMN tenant_id DROP NOT NULL;
ALTER TABLE oauth_states ADD COLUMN subdomain text;
-- The Zendesk app installation whose settings the relay fills in (ZAF client.metadata().installationId).
ALTER TABLE oauth_states ADD COLUMN installation_id bigint;
`,
  },
  {
    version: 10,
    name: 'AI agents deleted from the app',
    sql: `
-- An admin deletes an AI agent from the app: it disappears from every list and its keys stop working, while its
-- sessions, messages and insights keep pointing at it (nothing else references a row that is gone).
ALTER TABLE ai_agents ADD COLUMN deleted_at timestamptz;
`,
  },
  {
    version: 11,
    name: 'waiting: business hours, timers, wait estimates',
    sql: `
-- Per AI agent: what happens while a customer waits (core/waiting-settings.ts; '{}' = the defaults).
ALTER TABLE ai_agents ADD COLUMN waiting_settings jsonb NOT NULL DEFAULT '{}';
-- One row per session once its ticket exists: the policy it was created under (a later settings change
-- does not touch it), what the customer was told, and the due times of its two timers. The timers fire
-- through the outbox (channel 'timer', next_attempt_at = the due time), which claims each once.
CREATE TABLE session_waiting (
  session_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  agent_id text NOT NULL,
  policy jsonb NOT NULL,
  group_id text,
  accepted_at timestamptz NOT NULL,
  hour_of_week integer NOT NULL,
  within_business_hours boolean,
  next_open_at timestamptz,
  estimated_wait_seconds integer,
  estimate_samples integer NOT NULL DEFAULT 0,
  no_agent_due_at timestamptz,
  no_agent_fired_at timestamptz,
  agent_silent_due_at timestamptz,
  agent_silent_fired boolean NOT NULL DEFAULT false,
  agent_silent_count integer NOT NULL DEFAULT 0,
  first_reply_at timestamptz
);
-- The wait estimate reads first replies of one agent and group at one hour of the week, newest 4 weeks.
CREATE INDEX session_waiting_estimate ON session_waiting (agent_id, group_id, hour_of_week, accepted_at) WHERE first_reply_at IS NOT NULL;
`,
  },
  {
    version: 12,
    name: 'zendesk event webhooks',
    sql: `
-- The signing secret of the tenant's event-subscription webhook (zen:event-type:ticket.*), next to the trigger
-- webhook's: the two are separate Zendesk webhooks, each with a secret of its own. Null: no event webhook.
ALTER TABLE tenants ADD COLUMN zendesk_events_secret_enc text;
-- Comments relayed straight from a comment_added event, above the ticket's comment cursor. The cursor only
-- moves when a catch-up has read the whole ticket, so a comment whose event was lost is still found by the
-- next catch-up; these rows keep that catch-up from relaying an event's comment a second time.
CREATE TABLE ticket_event_comments (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  comment_id bigint NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id, comment_id)
);
`,
  },
  {
    version: 13,
    name: 'insights outcome histograms',
    sql: `
-- Days rolled before outcomes were rolled up are rolled again, with them (the background job or the next report does it).
DELETE FROM insights_rolled_days;
DELETE FROM insights_daily;
DELETE FROM insights_daily_totals;
DELETE FROM insights_quarter_hours;
-- The outcomes of a rolled day hold the milestones stamped before this instant (an hour before the roll, so no
-- transaction still open at the roll can stamp an earlier one); later ones are read live (server/insights/outcomes.ts).
ALTER TABLE insights_rolled_days ADD COLUMN outcomes_until timestamptz NOT NULL;
ALTER TABLE insights_daily_totals ADD COLUMN handoffs integer NOT NULL;
ALTER TABLE insights_daily_totals ADD COLUMN failed integer NOT NULL;
-- First-reply and solve durations per log-spaced bucket (server/insights/histogram.ts).
CREATE TABLE insights_daily_durations (
  tenant_id text NOT NULL,
  day date NOT NULL,
  agent_id text NOT NULL,
  kind text NOT NULL,
  bucket integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (tenant_id, day, agent_id, kind, bucket)
);
-- The few sessions of rolled days whose outcome moved after the roll: found by when they last changed.
CREATE INDEX sessions_insights_changed ON sessions (tenant_id, state_changed_at) INCLUDE (agent_id, created_at, state, first_reply_at, returned_at);
`,
  },
  {
    version: 14,
    name: 'insights handed-off conversations index',
    sql: `
-- The handoff rate's distinct handed-off conversations of a period, read from this index alone (server/insights/queries.ts).
CREATE INDEX sessions_insights_conversations ON sessions (tenant_id, created_at) INCLUDE (agent_id, conversation_id);
`,
  },
  {
    version: 15,
    name: 'insights handoff links',
    sql: `
-- Each handoff knows when its conversation was last handed off before it and when the conversation was first seen,
-- so the handoff rate counts handed-off conversations without a DISTINCT (server/insights/handed-off.ts).
ALTER TABLE sessions ADD COLUMN previous_handoff_at timestamptz;
ALTER TABLE sessions ADD COLUMN conversation_seen_at timestamptz;
UPDATE sessions s SET previous_handoff_at = l.previous_handoff_at, conversation_seen_at = l.first_seen_at
  FROM (SELECT x.id, lag(x.created_at) OVER (PARTITION BY x.agent_id, x.conversation_id ORDER BY x.created_at, x.id) AS previous_handoff_at, c.first_seen_at
          FROM sessions x LEFT JOIN conversations_seen c ON c.agent_id = x.agent_id AND c.conversation_id = x.conversation_id) l
 WHERE l.id = s.id;
CREATE INDEX sessions_insights_handed_off ON sessions (tenant_id, created_at) INCLUDE (agent_id, previous_handoff_at, conversation_seen_at);
DROP INDEX sessions_insights_conversations;
-- Rolled days count their handoffs that were a conversation's first, of a conversation first seen that day
-- (SETTLED_FIRST in server/insights/handed-off.ts); the days already rolled get theirs here.
ALTER TABLE insights_daily_totals ADD COLUMN first_handoffs integer NOT NULL DEFAULT 0;
UPDATE insights_daily_totals t SET first_handoffs = x.n
  FROM (SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, agent_id, count(*)::int AS n FROM sessions
         WHERE previous_handoff_at IS NULL AND conversation_seen_at IS NOT NULL
           AND (conversation_seen_at AT TIME ZONE 'UTC') >= date_trunc('day', created_at AT TIME ZONE 'UTC') AND conversation_seen_at <= created_at
         GROUP BY 1, 2, 3) x
 WHERE x.tenant_id = t.tenant_id AND x.day = t.day AND x.agent_id = t.agent_id;
-- The other handoffs of a rolled day, read live: the predicate is CARRIED in server/insights/handed-off.ts, word for word.
CREATE INDEX sessions_insights_carried ON sessions (tenant_id, created_at) INCLUDE (agent_id, previous_handoff_at, conversation_seen_at)
  WHERE NOT ((previous_handoff_at IS NULL AND conversation_seen_at IS NOT NULL AND (conversation_seen_at AT TIME ZONE 'UTC') >= date_trunc('day', created_at AT TIME ZONE 'UTC') AND conversation_seen_at <= created_at) OR (previous_handoff_at IS NOT NULL AND (previous_handoff_at AT TIME ZONE 'UTC') >= date_trunc('day', created_at AT TIME ZONE 'UTC')));
`,
  },
  {
    version: 16,
    name: 'insights counts rolled after a day',
    sql: `
-- The counts final once a day is over are rolled a day after it (server/insights/rollups.ts ensureCounts), the rest
-- a week after: days whose counts are rolled are claimed here; the days rolled so far have theirs.
CREATE TABLE insights_counted_days (
  tenant_id text NOT NULL,
  day date NOT NULL,
  counted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, day)
);
INSERT INTO insights_counted_days (tenant_id, day) SELECT tenant_id, day FROM insights_rolled_days;
-- First handoffs (SETTLED_FIRST in server/insights/handed-off.ts) move with the counts, out of the week's totals.
CREATE TABLE insights_daily_first_handoffs (
  tenant_id text NOT NULL,
  day date NOT NULL,
  agent_id text NOT NULL,
  first_handoffs integer NOT NULL,
  PRIMARY KEY (tenant_id, day, agent_id)
);
INSERT INTO insights_daily_first_handoffs (tenant_id, day, agent_id, first_handoffs)
  SELECT tenant_id, day, agent_id, first_handoffs FROM insights_daily_totals WHERE first_handoffs > 0;
ALTER TABLE insights_daily_totals DROP COLUMN first_handoffs;
-- The quarter hours summed over the tenant's AI agents: a tenant-wide trend reads a quarter of the rows.
CREATE TABLE insights_tenant_quarter_hours (
  tenant_id text NOT NULL,
  bin timestamptz NOT NULL,
  handoffs integer NOT NULL,
  conversations integer NOT NULL,
  PRIMARY KEY (tenant_id, bin)
);
INSERT INTO insights_tenant_quarter_hours (tenant_id, bin, handoffs, conversations)
  SELECT tenant_id, bin, sum(handoffs), sum(conversations) FROM insights_quarter_hours GROUP BY tenant_id, bin;
`,
  },
  {
    version: 17,
    name: 'the handoff message the customer was shown',
    sql: `
-- Set when the handoff is accepted: the platform's message or the relay's default (business hours, wait estimate),
-- so a platform without webhooks (the MCP server) can read what handoff.accepted carried.
ALTER TABLE sessions ADD COLUMN accepted_message text;
`,
  },
  {
    version: 18,
    name: 'master key check',
    sql: `
-- One value sealed with the master key the database's secrets use (server/store/master-key-check.ts): a relay or CLI
-- started with another key is refused at once instead of failing every delivery later. The fingerprint (a hash of
-- the key, not the key) lets the refusal say which key the database expects.
CREATE TABLE master_key_check (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  sealed text NOT NULL,
  fingerprint text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 19,
    name: 'first reply in business seconds',
    sql: `
-- The wait-estimate sample of a session that counts business hours: the open time between handoff and first reply,
-- computed once when the reply is recorded (the row's policy holds the schedule). Wall-clock time counted a weekend as
-- 64 hours of waiting. NULL for sessions without a schedule and rows from before this column: wall-clock applies.
ALTER TABLE session_waiting ADD COLUMN first_reply_business_seconds double precision;
`,
  },
  {
    version: 20,
    name: 'wait estimate reads unanswered sessions',
    sql: `
-- The wait estimate also counts sessions still waiting unanswered (their wait so far, a censored sample), read on every
-- handoff and first reply: the index of migration 11 covers answered rows only.
CREATE INDEX session_waiting_unanswered ON session_waiting (agent_id, group_id, hour_of_week, accepted_at) WHERE first_reply_at IS NULL;
`,
  },
  {
    version: 21,
    name: 'when an unanswered session stopped waiting',
    sql: `
-- A session that left the queue before any agent answered (the customer left, the AI took back, a timeout returned
-- it): when it did. The wait estimate counts it as a censored sample (it waited at least this long), as it counts the
-- sessions still waiting; without the time, a customer who gave up after 40 minutes did not count at all. Rewritten if
-- the session is queued again and leaves again unanswered; NULL for rows from before this column. The index of
-- migration 20 covers the reads.
ALTER TABLE session_waiting ADD COLUMN left_unanswered_at timestamptz;
`,
  },
  {
    version: 22,
    name: 'webhook secret rotation overlap',
    sql: `
-- After a rotation, deliveries are signed with the previous secret too until previous_webhook_secret_until, so the
-- AI platform's receiver keeps verifying them while it switches to the new secret.
ALTER TABLE ai_agents ADD COLUMN previous_webhook_secret_enc text;
ALTER TABLE ai_agents ADD COLUMN previous_webhook_secret_until timestamptz;
`,
  },
];

export async function migrate(db: Database): Promise<number[]> {
  // Under the same lock as the migrations: two relays starting at once on a fresh PostgreSQL would
  // otherwise race in CREATE TABLE IF NOT EXISTS, and the loser fails on pg_type's unique index.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(47728)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    await db.transaction(async (tx) => {
      // 0xBA70 = "BATO": one lock id for all migrations of this schema.
      await tx.query('SELECT pg_advisory_xact_lock(47728)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rowCount > 0) return;
      // PGlite's query() takes one statement at a time; the migrations hold no ';' inside literals.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    });
  }
  return applied;
}

export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
