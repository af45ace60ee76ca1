import type { formatters } from './insights-format.js';
import type { InsightsStrings } from './insights-i18n.js';
import type { BreakdownRow } from './insights-schema.js';

/** The relay's keys for "no rule / intent / language" and for a value it could not tell. */
const NONE = '(none)';
const UNKNOWN = '(unknown)';

/** How a breakdown row is named on screen: reason codes and languages in the admin's words, the rest as the relay labels them. */
export function rowLabels(t: InsightsStrings, f: ReturnType<typeof formatters>) {
  const special = (r: BreakdownRow) => (r.key === NONE ? t.none : r.key === UNKNOWN ? t.unknown : undefined);
  return {
    /** "(none)" and "(unknown)" rows: labelled in words and listed after the named ones. */
    isUnset: (r: BreakdownRow) => r.key === NONE || r.key === UNKNOWN,
    reason: (r: BreakdownRow) => special(r) ?? (t.reasons as Record<string, string>)[r.key] ?? r.label,
    plain: (r: BreakdownRow) => special(r) ?? r.label,
    language: (r: BreakdownRow) => special(r) ?? f.language(r.key),
  };
}
