import * as z from 'zod/mini';
import type { ConnectStrings } from './connect-i18n.js';
import { fill } from './locale.js';

/**
 * What the relay's Zendesk access check found (server/zendesk/check-connection.ts): the Connection tab's Access line
 * and a failed Connect Baton both say it, in the admin's language, with the same words.
 */
export const AccessFindingSchema = z.object({
  code: z.optional(z.string()),
  user: z.optional(z.nullable(z.string())),
  status: z.optional(z.nullable(z.number())),
  zendesk: z.optional(z.string()),
});
export type AccessFinding = z.infer<typeof AccessFindingSchema>;

/** The finding worded from its code; `english` (the relay's own sentence) for a code this app does not know. */
export function accessWords(t: ConnectStrings, access: AccessFinding, english: string): string {
  const { code, user, status, zendesk } = access;
  const words = code && Object.prototype.hasOwnProperty.call(t.accessCodes, code) ? t.accessCodes[code as keyof ConnectStrings['accessCodes']] : undefined;
  // A sentence that names someone, a status or a Zendesk the answer did not carry would show its placeholder: the English then.
  if (!words || (words.includes('{user}') && !user) || (words.includes('{status}') && status == null) || (words.includes('{zendesk}') && !zendesk)) return english;
  return fill(words, { user: user ?? '', status: status ?? '', zendesk: zendesk ?? '' });
}
