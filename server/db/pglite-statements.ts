import { protocol, types, type PGlite } from '@electric-sql/pglite';
import type { QueryResult } from './database.js';

const { serialize } = protocol;

/** How many statement descriptions one PGlite keeps; the least recently used goes beyond it. */
export const MAX_CACHED_STATEMENTS = 256;

interface Statement {
  /** Set for registered texts: the named statement parsed once. */
  name: string | undefined;
  paramTypes: number[];
  fields: Fields;
}
type Fields = Array<{ name: string; dataTypeID: number }>;

/** Row-changing and row-reading statements; DDL (the migrations) keeps PGlite's own one-off path. */
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** "cached plan must not change result type": a `SELECT *` whose table changed shape since it was parsed. */
const PLAN_CHANGED = '0A000';

/**
 * PGlite's own `query` sends each statement as six protocol round trips into the wasm (parse, describe, bind,
 * describe, execute, sync): about 200–300 µs for a one-row read, most of the embedded relay's database time.
 * Here a statement seen before goes in one round trip, with PGlite's parameter serializers and row parsers:
 * - texts registered with `prepared()` (the hot, constant ones, which run as named statements on PostgreSQL too)
 *   as a named statement parsed once, bind + execute + sync; after five runs PostgreSQL may keep a generic plan;
 * - any other text as the unnamed statement, parse + bind + describe + execute + sync with the parameter types
 *   learnt the first time: parsed and planned for its parameters on every run, as before. Insights queries over
 *   time ranges need that: a generic plan made one 100× slower (bench/insights.ts).
 * Callers hold PGlite's locks (`runExclusive`, and the transaction lock outside a transaction): this only
 * speaks the protocol. bench/ingest.ts and bench/zendesk.ts measure the effect.
 */
export function createStatementCache(pg: PGlite, isRegistered: (text: string) => boolean, max = MAX_CACHED_STATEMENTS) {
  const statements = new Map<string, Statement>();
  let counter = 0;
  /** Close messages of evicted named statements, sent ahead of the next round trip. */
  let closing: Uint8Array[] = [];

  async function roundTrip(...messages: Uint8Array[]) {
    const parts = [...closing, ...messages, serialize.sync()];
    closing = [];
    return pg.execProtocolStream(concat(parts), { syncToFs: false });
  }

  async function describe(text: string): Promise<Statement> {
    const name = isRegistered(text) ? `baton_pgl_${++counter}` : undefined;
    const replies = await roundTrip(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }));
    const params = replies.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const statement = { name, paramTypes: params?.dataTypeIDs ?? [], fields: fieldsOf(replies) };
    statements.set(text, statement);
    if (statements.size > max) {
      const [oldestText, oldest] = statements.entries().next().value!;
      statements.delete(oldestText);
      if (oldest.name) closing.push(serialize.close({ type: 'S', name: oldest.name }));
    }
    return statement;
  }

  return {
    cacheable: (text: string) => CACHEABLE.test(text),

    async run<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      let statement = statements.get(text);
      if (statement) {
        // Most recently used last, so eviction takes the coldest.
        statements.delete(text);
        statements.set(text, statement);
      } else {
        statement = await describe(text);
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = pg.serializers[statement.paramTypes[i]!];
        return serializer ? serializer(value) : String(value);
      });
      if (!statement.name) {
        const replies = await roundTrip(
          serialize.parse({ text, types: statement.paramTypes }),
          serialize.bind({ values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
        );
        return toResult<R>(replies, fieldsOf(replies), pg.parsers);
      }
      let replies;
      try {
        replies = await roundTrip(serialize.bind({ statement: statement.name, values }), serialize.execute({}));
      } catch (error) {
        if ((error as { code?: string }).code === PLAN_CHANGED && statements.get(text) === statement) {
          // Parse it again next time; this call fails (inside a transaction nothing else could be done anyway).
          statements.delete(text);
          closing.push(serialize.close({ type: 'S', name: statement.name }));
        }
        throw error;
      }
      return toResult<R>(replies, statement.fields, pg.parsers);
    },
  };
}

function fieldsOf(replies: readonly { name: string }[]): Fields {
  const description = replies.find((m) => m.name === 'rowDescription') as { fields: Fields } | undefined;
  return description?.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [];
}

function toResult<R>(replies: readonly { name: string }[], fields: Statement['fields'], parsers: PGlite['parsers']): QueryResult<R> {
  const rows: R[] = [];
  let affected = 0;
  for (const reply of replies) {
    if (reply.name === 'dataRow') {
      const values = (reply as unknown as { fields: Array<string | null> }).fields;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) row[fields[i]!.name] = types.parseType(values[i] ?? null, fields[i]!.dataTypeID, parsers);
      rows.push(row as R);
    } else if (reply.name === 'commandComplete') {
      // "INSERT 0 5", "UPDATE 3", "DELETE 1", "SELECT 2": the count is the tag's last word.
      const tag = (reply as unknown as { text: string }).text;
      if (/^(INSERT|UPDATE|DELETE|MERGE)\b/.test(tag)) affected = Number(tag.slice(tag.lastIndexOf(' ') + 1)) || 0;
    }
  }
  // Like the adapter's PGlite `query` path: returned rows count, else affected rows.
  return { rows, rowCount: rows.length > 0 ? rows.length : affected };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
