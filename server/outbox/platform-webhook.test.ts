import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from './delivery-error.js';
import { postSignedWebhook, sendPlatformWebhook } from './platform-webhook.js';

const SECRET = `whsec_${Buffer.from('a-test-secret-of-some-length').toString('base64')}`;
const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

async function receiver(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
}

const send = (url: string, timeoutMs: number) => ({ url, secret: SECRET, webhookId: 'msg_t1', payload: { type: 'x' }, timeoutMs });

describe('callback delivery timeout', () => {
  it('gives up on a receiver that never answers, as a transient delivery error', async () => {
    const url = await receiver(() => {}); // takes the request, never answers
    const started = Date.now();
    const failed = await sendPlatformWebhook(send(url, 300)).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).message).toMatch(/no complete answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('bounds the body too: an answer whose body never ends is cut off at the deadline', async () => {
    const url = await receiver((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial'); // and never ends
    });
    const response = await postSignedWebhook(send(url, 300));
    expect(response.statusCode).toBe(200);
    const cutOff = new Promise<string>((resolve) => response.on('error', (e) => resolve(e.message)));
    response.resume();
    // Would hang (the test times out) without the deadline.
    expect(await cutOff).toBe('aborted');
    expect(response.complete).toBe(false);
  });

});
