import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { StatementCounts } from '../db/counted.js';
import type { Database } from '../db/database.js';
import { outboxStats } from '../store/deliveries.js';

/**
 * Prometheus metrics for operators (`GET /metrics`). Counters are per process; the outbox gauges
 * are read from the database at scrape time, so every relay process reports the shared backlog.
 * They sit in a registry of their own, left out of a scrape when the database cannot be read
 * (`baton_outbox_stats_up` 0): the rest of the page is served anyway, so an outage does not cost
 * Prometheus the process metrics too, and no stale or zero backlog is reported as if it were read.
 */
export function createMetrics(db: Database, statementCounts?: StatementCounts) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_' });
  const handoffs = new Counter({ name: 'baton_handoffs_total', help: 'Handoffs accepted (new sessions)', labelNames: ['reason'], registers: [registry] });
  const deliveries = new Counter({
    name: 'baton_deliveries_total',
    help: 'Delivery attempts by channel and outcome (delivered, retry, dead)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const zendeskRateLimited = new Counter({ name: 'baton_zendesk_429_total', help: 'Zendesk answers with 429 Too Many Requests', registers: [registry] });
  const webhookRejected = new Counter({
    name: 'baton_zendesk_webhook_rejected_total',
    help: 'Zendesk webhooks refused (bad signature, stale timestamp, wrong token)',
    registers: [registry],
  });
  const triggersAwaitingEvent = new Gauge({
    name: 'baton_zendesk_triggers_awaiting_event',
    help: "Agent-reply trigger webhooks holding their answer until their comment's event is relayed (at most 2 s each)",
    registers: [registry],
  });
  if (statementCounts) {
    // Read from the counts when scraped: the database wrapper only adds to two numbers on the hot path.
    new Counter({
      name: 'baton_db_statements_total',
      help: 'Statements this process sent to its database, BEGIN and COMMIT included (round trips on PostgreSQL)',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(statementCounts.statements);
      },
    });
    new Counter({
      name: 'baton_db_transactions_total',
      help: 'Transactions this process ran',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(statementCounts.transactions);
      },
    });
  }
  const statsUp = new Gauge({
    name: 'baton_outbox_stats_up',
    help: '1 when this scrape read the outbox gauges from the database, 0 when it could not (they are left out)',
    registers: [registry],
  });
  const outbox = new Registry();
  const pending = new Gauge({ name: 'baton_outbox_pending', help: 'Deliveries waiting to go out (all processes)', registers: [outbox] });
  const dead = new Gauge({ name: 'baton_outbox_dead', help: 'Dead-lettered deliveries awaiting replay', registers: [outbox] });
  const oldest = new Gauge({ name: 'baton_outbox_oldest_pending_seconds', help: 'Age of the oldest pending delivery', registers: [outbox] });
  return {
    registry,
    handoffs,
    deliveries,
    zendeskRateLimited,
    webhookRejected,
    triggersAwaitingEvent,
    async render(): Promise<string> {
      let outboxPage = '';
      try {
        const stats = await outboxStats(db);
        pending.set(stats.pending);
        dead.set(stats.dead);
        oldest.set(stats.oldestPendingAgeMs / 1000);
        statsUp.set(1);
        outboxPage = await outbox.metrics();
      } catch {
        // The database is down or refusing: /ready says so (503) and the relay logs the outage once.
        statsUp.set(0);
      }
      return (await registry.metrics()) + outboxPage;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
