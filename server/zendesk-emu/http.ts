import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EmuRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: string;
  /** The body as bytes (uploads are binary). */
  bytes: Buffer;
  json: unknown;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; text?: string };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
/** Zendesk's error envelopes (reference/zendesk-api.md §8). */
export const notFound = (): Reply => json(404, { error: 'RecordNotFound', description: 'Not found' });
export const invalid = (details: Record<string, string>): Reply =>
  json(422, {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: Object.fromEntries(Object.entries(details).map(([field, description]) => [field, [{ description, error: 'InvalidValue' }]])),
  });

export async function readRequest(req: IncomingMessage): Promise<EmuRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const raw = bytes.toString('utf8');
  const url = new URL(req.url ?? '/', 'http://emulator');
  let body: unknown = undefined;
  if (raw && (req.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = Symbol.for('invalid-json');
    }
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, raw, bytes, json: body };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.text !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers }).end(reply.text);
    return;
  }
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers }).end(text);
}
