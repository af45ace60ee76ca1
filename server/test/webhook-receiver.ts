import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  type: string;
  data: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  verified: boolean;
}

/**
 * A real AI-platform endpoint on a real socket: verifies Standard Webhooks signatures with the
 * reference library, records every request, and can be told to fail for a while.
 */
export async function startWebhookReceiver(secret: () => string) {
  const received: ReceivedWebhook[] = [];
  /** webhook-ids of requests answered with an injected failure. */
  const refused: string[] = [];
  let failuresLeft = 0;
  let failStatus = 500;
  let retryAfter: string | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        refused.push(String(req.headers['webhook-id']));
        res.writeHead(failStatus, retryAfter ? { 'retry-after': retryAfter } : {}).end('nope');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      let payload: { type: string; data: Record<string, unknown> };
      try {
        payload = new Webhook(secret()).verify(body, req.headers as Record<string, string>) as typeof payload;
      } catch {
        verified = false;
        payload = JSON.parse(body) as typeof payload;
      }
      received.push({ id: String(req.headers['webhook-id']), type: payload.type, data: payload.data, headers: req.headers, verified });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    refused,
    /** Unique deliveries in arrival order (a receiver dedupes on webhook-id). */
    unique(): ReceivedWebhook[] {
      const seen = new Set<string>();
      return received.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
    },
    failNext(n: number, status = 500, retryAfterSeconds?: number) {
      failuresLeft = n;
      failStatus = status;
      retryAfter = retryAfterSeconds === undefined ? undefined : String(retryAfterSeconds);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
