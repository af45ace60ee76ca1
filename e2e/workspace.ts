import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { buildSync } from 'esbuild';
import { SignJWT } from 'jose';

/**
 * The local agent workspace: serves the host page, the built app (assets/) and the npm ZAF SDK at
 * Zendesk's CDN path, and a `/proxy` that does what Zendesk's request proxy does for `client.request`
 * with the `jwt` option (substitute `{{jwt.token}}`, signed HS256 with the app's secure shared secret).
 */
const ROOT = join(import.meta.dirname, '..');
export const SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

export function bundledSdk(): string {
  const out = buildSync({ entryPoints: [join(ROOT, 'node_modules/zendesk_app_framework_sdk/lib/index.js')], bundle: true, format: 'iife', globalName: 'ZAFClient', write: false, minify: true });
  return out.outputFiles[0]!.text;
}

export async function startWorkspace(opts: {
  /** The app's secure shared_secret setting; or read from `installation` at each request (as Zendesk's proxy does). */
  sharedSecret?: string;
  /**
   * An app installation in the Zendesk emulator: the host page takes its settings as ZAF metadata (the non-secure ones)
   * and the proxy signs with its secure shared_secret as it is when the request is made, so settings the relay saves
   * through the Apps API take effect here on the next request [ours: Zendesk's proxy substitutes settings server-side].
   */
  installation?: () => { id: number; settings: Record<string, unknown>; secure: string[] } | undefined;
  port?: number;
  /** More routes (`npm run dev` adds the customer chat and the agent's reply box); true = handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}): Promise<{ url: string; server: Server; proxied: string[]; stop(): Promise<void> }> {
  const sdk = bundledSdk();
  /** Every URL the app asked the proxy for, in order (tests see a fresh stream token being fetched). */
  const proxied: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (opts.extraRoutes?.(req, res, url)) return;
    if (url.pathname === '/proxy' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        const o = JSON.parse(raw) as { url: string; type?: string; data?: string; headers?: Record<string, string>; jwt?: { claims?: Record<string, unknown>; expiry?: number } };
        proxied.push(o.url);
        const secret = opts.installation ? String(opts.installation()?.settings.shared_secret ?? '') : (opts.sharedSecret ?? '');
        const token = o.jwt && secret ? await new SignJWT(o.jwt.claims ?? {}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(`${o.jwt.expiry ?? 60}s`).sign(new TextEncoder().encode(secret)) : '';
        const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k, v.replace('{{jwt.token}}', token)]));
        try {
          const r = await fetch(o.url, { method: o.type ?? 'GET', headers: { ...headers, ...(o.data ? { 'content-type': 'application/json' } : {}) }, ...(o.data ? { body: o.data } : {}) });
          const text = await r.text();
          // Like Zendesk's proxy: JSON parsed, anything else (the insights CSV) as text.
          const body = !text ? null : (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: r.status, body }));
        } catch {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 0, body: null }));
        }
      });
      return;
    }
    if (url.pathname === '/installation') {
      const i = opts.installation?.();
      if (!i) return void res.writeHead(404).end();
      const settings = Object.fromEntries(Object.entries(i.settings).filter(([k]) => !i.secure.includes(k)));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ installationId: i.id, settings }));
    }
    if (url.pathname === '/zaf_sdk.min.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
    const file = url.pathname === '/' ? join(import.meta.dirname, 'host.html') : url.pathname.startsWith('/app/') ? normalize(join(ROOT, 'assets', url.pathname.slice(5))) : '';
    if (!file || !(file.startsWith(join(ROOT, 'assets')) || file.endsWith('host.html'))) return void res.writeHead(404).end();
    try {
      // The app's iframe loads the SDK from Zendesk's CDN; locally that address is served from here.
      let body: Buffer | string = readFileSync(file);
      if (file.endsWith('iframe.html')) body = body.toString().replace(SDK_URL, '/zaf_sdk.min.js');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, server, proxied, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
