import { describe, expect, it } from 'vitest';
import { metricValue } from './metric-value.js';

describe('metricValue', () => {
  const page = ['# HELP baton_db_statements_total Statements', 'baton_db_statements_total 1234', 'baton_db_statements_total_extra 9', 'baton_outbox_oldest_pending_seconds 0.5', 'baton_deliveries{kind="x"} 3'].join('\n');

  it('reads an unlabelled sample by its exact name, decimals included', () => {
    expect(metricValue(page, 'baton_db_statements_total')).toBe(1234);
    expect(metricValue(page, 'baton_outbox_oldest_pending_seconds')).toBe(0.5);
  });

  it('is NaN for a name the page does not carry, not a prefix match or a labelled series', () => {
    expect(metricValue(page, 'baton_db_statements')).toBeNaN();
    expect(metricValue(page, 'baton_deliveries')).toBeNaN();
  });
});
