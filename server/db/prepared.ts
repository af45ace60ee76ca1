/**
 * SQL texts run as named prepared statements on PostgreSQL: the hot statements whose text never changes. A
 * server parses such a text once per connection and, once it settles on the generic plan (after five runs,
 * when that plan costs no more than the custom ones), plans it once too; on the ingest path parsing and
 * planning were about a third of the backends' CPU. Register constant texts only, at module load: every
 * registered text becomes one statement on each pooled connection. On PGlite a registered text is a named statement
 * too, and every other read or write still goes in one round trip (server/db/pglite-statements.ts).
 */
const names = new Map<string, string>();

export function prepared(text: string): string {
  if (!names.has(text)) names.set(text, `baton_${names.size + 1}`);
  return text;
}

/** The statement name of a registered text, if it is one. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
