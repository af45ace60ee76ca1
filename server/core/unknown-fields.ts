import type { z } from 'zod';

/** What a client reads for a field the request does not have (most often a misspelling of one it has). */
export const UNKNOWN_FIELD_MESSAGE = 'not a field of this request (check the spelling)';

/**
 * zod reports the unknown keys of one object as one issue at the object's path, listing the keys. A client needs
 * the field itself: each key becomes its own issue at its own path (`endUser.nmae`), so `details.issues[].path`
 * and the message name it the way they name a field with a bad value.
 */
export function withUnknownFieldsNamed(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key], message: UNKNOWN_FIELD_MESSAGE }))
      : [issue],
  );
}
