/** What the relay said in its `{"error": {code, message, details}}` body of a failed proxy request, if anything. */
export type RelayError = { code: string | undefined; message: string; issues: Array<{ path: string; message: string }> };

export function relayErrorOf(caught: unknown): RelayError | undefined {
  try {
    const parsed = JSON.parse((caught as { responseText?: string }).responseText ?? '') as { error?: { code?: unknown; message?: unknown; details?: { issues?: unknown } } };
    if (typeof parsed.error?.message !== 'string') return undefined;
    const issues = Array.isArray(parsed.error.details?.issues)
      ? (parsed.error.details.issues as Array<{ path?: unknown; message?: unknown }>).filter((i) => typeof i.path === 'string' && typeof i.message === 'string') as RelayError['issues']
      : [];
    return { code: typeof parsed.error.code === 'string' ? parsed.error.code : undefined, message: parsed.error.message, issues };
  } catch {
    return undefined;
  }
}
