/**
 * Recognises a comment the relay wrote when it reads the ticket back after an uncertain write (the
 * request timed out or the relay died before recording the answer). Zendesk keeps no idempotency
 * key for comments, and it never returns the text as sent: `html_body` is rendered (newlines as
 * `<br>`, `& < > "` escaped, wrapped in `<div class="zd-comment" dir="auto">`), `plain_body` and
 * `body` are text renderings that may differ in whitespace. So both sides are reduced to the words
 * they show — tags dropped, entities decoded, Unicode NFC, whitespace collapsed — and compared whole.
 */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower in NAMED_ENTITIES) return NAMED_ENTITIES[lower]!;
    if (lower.startsWith('#x')) return safeCodePoint(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(Number.parseInt(lower.slice(1), 10), whole);
    return whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** The words a comment shows, whether given as plain text or as HTML. */
export function commentWords(textOrHtml: string): string {
  const withoutTags = textOrHtml.replace(/<(br|\/p|\/div|\/li|hr)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, '');
  return decodeEntities(withoutTags).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** What Zendesk returns for a comment (every rendering it offers). */
export interface StoredComment {
  body?: string | null | undefined;
  plain_body?: string | null | undefined;
  html_body?: string | null | undefined;
}

/**
 * True when the stored comment shows exactly the words we sent. Plain text we sent is compared as
 * text: `<b>` typed by a customer is words, not a tag, so it is not stripped from our side.
 */
export function isSameComment(sent: { text: string } | { html: string }, stored: StoredComment): boolean {
  const ours = 'html' in sent ? commentWords(sent.html) : sent.text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (ours.length === 0) return false;
  const plain = [stored.body, stored.plain_body].filter((x): x is string => typeof x === 'string');
  if (plain.some((p) => p.normalize('NFC').replace(/\s+/g, ' ').trim() === ours)) return true;
  return typeof stored.html_body === 'string' && commentWords(stored.html_body) === ours;
}

/** True when the stored comment's words contain `marker` (e.g. "Transcript, continued (part 2)"). */
export function commentContains(stored: StoredComment, marker: string): boolean {
  const words = commentWords(marker);
  return [stored.html_body, stored.plain_body, stored.body].some((x) => typeof x === 'string' && commentWords(x).includes(words));
}
