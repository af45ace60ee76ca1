/**
 * No answer from the relay: Zendesk's proxy rejects with status 0 when it cannot reach it, and a 5xx comes from
 * whatever stands in front of a relay that is down (or from one that failed). Pages say "cannot be reached" then.
 */
export function relayUnreachable(caught: unknown): boolean {
  const status = (caught as { status?: number } | null)?.status ?? 0;
  return status === 0 || status >= 500;
}
