import { createServer } from 'node:http';
import { createGroupCommit } from '../server/core/group-commit.js';
import { openPglite } from '../server/db/pglite.js';
import { openPostgres } from '../server/db/postgres.js';

/**
 * The floor of any design that answers only after the request is durable: node:http, the same JSON body,
 * one row per request written by the relay's group commit (one INSERT per batch, no locks, no checks, no
 * outbox), then the same small 202. Whatever the relay does beyond this is its own cost; the gap between
 * this and the bare server is what durability costs on this machine.
 */
const url = process.env.DATABASE_URL;
const db = url ? await openPostgres(url) : await openPglite(process.env.DATA_DIR);
await db.query(`CREATE TABLE IF NOT EXISTS durable_floor (id text PRIMARY KEY, path text NOT NULL, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

interface Item { id: string; path: string; body: unknown; done: (ok: boolean) => void }
const INSERT = `INSERT INTO durable_floor (id, path, body) SELECT r.id, r.path, r.body FROM jsonb_to_recordset($1::jsonb) AS r(id text, path text, body jsonb)`;
const commits = createGroupCommit<Item>({
  keyOf: (item) => item.path,
  maxBatch: 256,
  maxConcurrent: url ? 3 : 1,
  async commit(batch) {
    try {
      await db.transaction((tx) => tx.query(INSERT, [JSON.stringify(batch.map(({ id, path, body }) => ({ id, path, body })))]));
      for (const item of batch) item.done(true);
    } catch {
      for (const item of batch) item.done(false);
    }
  },
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
    commits.push({
      id: `${req.url}:${body.id}`,
      path: req.url ?? '',
      body,
      done: (ok) => {
        const out = JSON.stringify(ok ? { message: { id: body.id }, duplicate: false } : { error: { code: 'internal' } });
        res.writeHead(ok ? 202 : 500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
      },
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
