import { randomBytes } from 'node:crypto';

/** Prefixed random ids (`ses_…`, `ten_…`): readable in logs, unguessable, sortable enough by creation time. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(10).toString('hex')}`;
}
