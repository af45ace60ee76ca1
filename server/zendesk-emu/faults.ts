/** Fault injection: what a real Zendesk does on a bad day (5xx, 429, slowness, cut connections, lost webhooks). */
export interface FailSpec {
  status: number;
  retryAfterSeconds?: number;
  pathPrefix?: string;
  method?: string;
}

export function createFaults() {
  let failures: Array<FailSpec & { left: number }> = [];
  let drops: Array<{ left: number; pathPrefix?: string; afterHandling: boolean }> = [];
  let lostWebhooks = 0;
  let latencyMs = 0;
  const applies = (f: { pathPrefix?: string; method?: string }, method: string, path: string) =>
    (!f.pathPrefix || path.startsWith(f.pathPrefix)) && (!('method' in f) || !f.method || f.method === method);
  return {
    failNext(n: number, spec: FailSpec) {
      failures.push({ ...spec, left: n });
    },
    latency(ms: number) {
      latencyMs = ms;
    },
    /** Cut the connection without an answer; `afterHandling` = the change is made first (a lost response). */
    dropConnections(n: number, pathPrefix?: string, afterHandling = false) {
      drops.push({ left: n, afterHandling, ...(pathPrefix ? { pathPrefix } : {}) });
    },
    loseWebhooks(n: number) {
      lostWebhooks += n;
    },
    reset() {
      failures = [];
      drops = [];
      lostWebhooks = 0;
      latencyMs = 0;
    },
    get latencyMs() {
      return latencyMs;
    },
    takeFailure(method: string, path: string): FailSpec | undefined {
      const f = failures.find((x) => x.left > 0 && applies(x, method, path));
      if (!f) return undefined;
      f.left--;
      return f;
    },
    takeDrop(method: string, path: string, afterHandling: boolean): boolean {
      const d = drops.find((x) => x.left > 0 && x.afterHandling === afterHandling && applies(x, method, path));
      if (!d) return false;
      d.left--;
      return true;
    },
    takeLostWebhook(): boolean {
      if (lostWebhooks <= 0) return false;
      lostWebhooks--;
      return true;
    },
  };
}

export type FaultInjector = ReturnType<typeof createFaults>;
