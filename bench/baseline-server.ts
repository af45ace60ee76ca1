import { createServer } from 'node:http';

/**
 * The yardstick: a bare Node HTTP server that answers the same request the relay does (parse the
 * JSON body, answer 202 with a small JSON), with no auth, validation or storage.
 */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
    const out = JSON.stringify({ message: { id: body.id }, duplicate: false });
    res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
