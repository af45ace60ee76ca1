/**
 * Renders the handoff as the ticket's first (private) comment: why it was escalated and the AI's
 * summary on top, then every message with author and time. Everything the platform sent is
 * HTML-escaped: a transcript is customer-controlled text.
 */
export interface TranscriptHeader {
  reasonCode: string;
  reasonText: string | null;
  summary: string | null;
  signals: Record<string, unknown>;
  endUserName: string | null;
  conversationId: string;
}

export interface TranscriptLine {
  role: 'user' | 'assistant' | 'agent' | 'system';
  text: string;
  createdAt: Date;
  authorName?: string | null | undefined;
  attachments: ReadonlyArray<{ url: string; name?: string | undefined }>;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const ROLE_LABEL: Record<TranscriptLine['role'], string> = {
  user: 'Customer',
  assistant: 'AI agent',
  agent: 'Agent',
  system: 'System',
};

function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

export function renderHeaderHtml(h: TranscriptHeader): string {
  const parts = [`<p><strong>AI handoff</strong> — reason: <code>${escapeHtml(h.reasonCode)}</code>`];
  if (h.reasonText) parts.push(` — ${paragraphs(h.reasonText)}`);
  parts.push('</p>');
  if (h.summary) parts.push(`<p><strong>AI summary:</strong> ${paragraphs(h.summary)}</p>`);
  const signals = Object.entries(h.signals)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(String(v))}`);
  if (signals.length > 0) parts.push(`<p><strong>Signals:</strong> ${signals.join(', ')}</p>`);
  parts.push(`<p>Conversation <code>${escapeHtml(h.conversationId)}</code></p><hr>`);
  return parts.join('');
}

export function renderLineHtml(line: TranscriptLine, endUserName: string | null): string {
  const author = line.authorName ?? (line.role === 'user' ? endUserName : null) ?? ROLE_LABEL[line.role];
  const label = author === ROLE_LABEL[line.role] ? author : `${author} (${ROLE_LABEL[line.role]})`;
  const links = line.attachments
    .filter((a) => /^https?:\/\//i.test(a.url))
    .map((a) => `<br>📎 <a href="${escapeHtml(a.url)}">${escapeHtml(a.name ?? a.url)}</a>`)
    .join('');
  return `<p><strong>${escapeHtml(label)}</strong> <small>${line.createdAt.toISOString()}</small><br>${paragraphs(line.text)}${links}</p>`;
}

/**
 * Splits the transcript into comment bodies no larger than `maxChars` each (Zendesk limits one
 * comment's size). Lines are never cut; the header always opens the first part.
 */
export function renderTranscriptParts(h: TranscriptHeader, lines: readonly TranscriptLine[], maxChars: number): string[] {
  const parts: string[] = [];
  let current = renderHeaderHtml(h);
  for (const line of lines) {
    const html = renderLineHtml(line, h.endUserName);
    if (current.length + html.length > maxChars && current.length > 0) {
      parts.push(current);
      current = `<p><em>Transcript, continued (part ${parts.length + 1})</em></p>`;
    }
    current += html;
  }
  parts.push(current);
  return parts;
}
