import * as z from 'zod/mini';
import { relayJson } from './relay-json.js';

/** One field the relay refused (`details.issues` of a `validation_failed`), with the dotted path the forms match on. */
export type RelayIssue = { path: string; message: string };

/**
 * What a failed `client.request` tells about the relay's answer: the HTTP status (0 when the relay gave no answer) and,
 * when the body is Baton's `{"error": {code, message, details}}`, its parts. `code`/`message` stay undefined for any
 * other body (an HTML error page from a proxy in front of the relay, another server's JSON, an empty answer).
 */
export type RelayErrorBody = { status: number; code: string | undefined; message: string | undefined; issues: RelayIssue[] };

/** Each part is optional on its own: a relay (or a future one) that leaves one out still gets the others read. */
const BatonErrorSchema = z.object({
  error: z.object({
    code: z.catch(z.optional(z.string()), undefined),
    message: z.catch(z.optional(z.string()), undefined),
    details: z.catch(z.optional(z.object({ issues: z.optional(z.array(z.unknown())) })), undefined),
  }),
});
const IssueSchema = z.object({ path: z.string(), message: z.string() });

/** The body as JSON: ZAF hands it over as text (`responseText`), jQuery-style hosts sometimes also as `responseJSON`. */
function bodyOf(rejection: { responseText?: unknown; responseJSON?: unknown }): unknown {
  if (rejection.responseJSON !== undefined && rejection.responseJSON !== null) return rejection.responseJSON;
  // Not JSON (an HTML error page, plain text) reads as undefined, as does no text at all.
  return typeof rejection.responseText === 'string' ? relayJson(rejection.responseText) : undefined;
}

/**
 * Baton's error body out of whatever a relay call rejected with. Undefined when it is not a ZAF proxy rejection (no
 * numeric `status`): an Error thrown here, on an answer this app could not read, or by a sign-in popup.
 */
export function relayErrorBody(caught: unknown): RelayErrorBody | undefined {
  if (typeof caught !== 'object' || caught === null) return undefined;
  const rejection = caught as { status?: unknown; responseText?: unknown; responseJSON?: unknown };
  if (typeof rejection.status !== 'number') return undefined;
  const parsed = BatonErrorSchema.safeParse(bodyOf(rejection));
  const error = parsed.success ? parsed.data.error : undefined;
  const issues = (error?.details?.issues ?? []).flatMap((issue) => {
    const ok = IssueSchema.safeParse(issue);
    return ok.success ? [{ path: ok.data.path, message: ok.data.message }] : [];
  });
  return { status: rejection.status, code: error?.code, message: error?.message, issues };
}
