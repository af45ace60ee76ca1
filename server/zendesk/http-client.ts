import { classifyHttpStatus, parseRetryAfter } from '../core/retry-schedule.js';
import { HelpdeskError } from '../helpdesk/helpdesk.js';

export const ZENDESK_TIMEOUT_MS = 20_000;

export interface ZendeskResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * One Zendesk API call. Network failures, 429 (with Retry-After) and 5xx become transient
 * HelpdeskErrors; 401/403 too, because an admin can repair the connection and nothing queued may be
 * lost meanwhile. `expect` lists statuses the caller handles itself (e.g. 400 IdempotentRequestError).
 */
export async function zendeskRequest(
  baseUrl: string,
  authorization: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: { bytes: Buffer; contentType: string }; headers?: Record<string, string>; expect?: number[] } = {},
): Promise<ZendeskResponse> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.raw ? { 'content-type': options.raw.contentType } : {}),
        ...options.headers,
      },
      body: options.raw ? new Uint8Array(options.raw.bytes) : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(ZENDESK_TIMEOUT_MS),
    });
  } catch (error) {
    throw new HelpdeskError(`Zendesk ${method} ${path} failed: ${(error as Error).message}`, 'transient');
  }
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      // Keep the raw text: error bodies are not always JSON (429 is text/plain).
    }
  }
  if ((response.status >= 200 && response.status < 300) || options.expect?.includes(response.status)) {
    return { status: response.status, headers: response.headers, body };
  }
  const kind = response.status === 401 || response.status === 403 ? 'transient' : classifyHttpStatus(response.status);
  const detail = typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300);
  throw new HelpdeskError(
    `Zendesk ${method} ${path} answered ${response.status}: ${detail}`,
    kind,
    response.status,
    parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  );
}
