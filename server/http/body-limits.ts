/** How large a request body may be, per route group; everything else is refused with 413 before it is read. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Message bodies are small (one message of ≤ 32,000 characters plus attachment links). */
export const MAX_MESSAGE_BODY_BYTES = 256 * 1024;
/** The sidebar app sends rules, notes and toggles. */
export const MAX_APP_BODY_BYTES = 1024 * 1024;
/** Our Zendesk triggers send ids only. */
export const MAX_ZENDESK_WEBHOOK_BYTES = 64 * 1024;

const MESSAGE_PATH = /^\/v1\/sessions\/[^/]+\/messages\/?$/;

export function maxBodyBytesFor(path: string): number {
  if (path.startsWith('/zendesk/')) return MAX_ZENDESK_WEBHOOK_BYTES;
  if (path.startsWith('/app/')) return MAX_APP_BODY_BYTES;
  if (MESSAGE_PATH.test(path)) return MAX_MESSAGE_BODY_BYTES;
  return MAX_BODY_BYTES;
}
