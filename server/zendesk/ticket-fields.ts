import { REASON_DESCRIPTIONS, type ReasonCode } from '../core/reason-codes.js';
import type { SessionRow } from '../store/sessions.js';

/** Tag on every Baton ticket: triggers and views key on it. */
export const BATON_TAG = 'baton_handoff';

export function subjectOf(session: SessionRow): string {
  const label = REASON_DESCRIPTIONS[session.reasonCode as ReasonCode] ?? session.reasonCode;
  const gist = (session.summary ?? session.reasonText ?? label).replace(/\s+/g, ' ').trim();
  const subject = `AI handoff: ${gist}`;
  return subject.length > 150 ? `${subject.slice(0, 147)}…` : subject;
}

export const tagsOf = (s: SessionRow) => [BATON_TAG, `baton_reason_${s.reasonCode}`, ...s.tags.map((t) => t.replace(/[^a-z0-9_\-]/g, '_'))];

/** The end user as a new Zendesk requester (matched by email when the platform sent one). */
export const newRequesterOf = (s: SessionRow) => ({
  name: s.endUser.name ?? `Customer ${s.endUser.id}`,
  ...(s.endUser.email ? { email: s.endUser.email } : {}),
});
