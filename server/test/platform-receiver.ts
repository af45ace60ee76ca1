import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** An AI platform's endpoint: verifies the signature with the secret the page showed, answers what it is told. */
export async function startPlatform() {
  const state = { secret: '', status: 202, body: '{"ok":true,"note":"thanks"}', verified: [] as boolean[], types: [] as string[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        state.types.push((new Webhook(state.secret).verify(text, req.headers as Record<string, string>) as { type: string }).type);
        state.verified.push(true);
      } catch {
        state.verified.push(false);
      }
      res.writeHead(state.status, { 'content-type': 'application/json' }).end(state.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { state, url: `http://127.0.0.1:${port}/baton`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
