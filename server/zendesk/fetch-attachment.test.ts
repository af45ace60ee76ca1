import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentFetcher } from './fetch-attachment.js';

/** Against a real HTTP server on loopback: what is allowed in development is refused in production. */
describe('fetching a customer attachment', () => {
  let server: Server;
  let base = '';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3]);
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/crash.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.url === '/big') return void res.writeHead(200).end(Buffer.alloc(2_000));
      if (req.url === '/chunked-big') {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(300));
        return void res.end();
      }
      if (req.url === '/hop') return void res.writeHead(302, { location: '/crash.png' }).end();
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const dev = createAttachmentFetcher({ maxBytes: 1_000, timeoutMs: 500, allowPrivate: true });
  const prod = createAttachmentFetcher({ maxBytes: 1_000, timeoutMs: 500, allowPrivate: false });

  it('downloads a file with its content type, following a redirect', async () => {
    expect(await dev(`${base}/crash.png`)).toEqual({ bytes: png, contentType: 'image/png' });
    expect(await dev(`${base}/hop`)).toEqual({ bytes: png, contentType: 'image/png' });
  });

  it('refuses private addresses in production, by name and by literal (redirect targets go through the same checks)', async () => {
    expect(await prod(`${base}/crash.png`)).toMatchObject({ problem: 'blocked_address' });
    expect(await prod(`http://localhost:${new URL(base).port}/crash.png`)).toMatchObject({ problem: 'blocked_address' });
    expect(await prod('http://[::1]/x')).toMatchObject({ problem: 'blocked_address' });
    expect(await prod('http://169.254.169.254/latest/meta-data/')).toMatchObject({ problem: 'blocked_address' });
  });

  it('bounds size and time, and reports other failures plainly', async () => {
    expect(await dev(`${base}/big`)).toMatchObject({ problem: 'too_large' });
    expect(await dev(`${base}/chunked-big`)).toMatchObject({ problem: 'too_large' });
    expect(await dev(`${base}/slow`)).toMatchObject({ problem: 'timeout' });
    expect(await dev(`${base}/missing`)).toMatchObject({ problem: 'http_status', detail: 'answered 404' });
    expect(await dev('ftp://example.com/x')).toMatchObject({ problem: 'bad_url' });
  });
});
