/**
 * Fault injection: what a real Zendesk does on a bad day (5xx, 429, slowness, cut connections, and
 * webhooks lost, sent twice or held back and delivered late, out of order).
 */
export interface FailSpec {
  status: number;
  retryAfterSeconds?: number;
  pathPrefix?: string;
  method?: string;
}

export function createFaults() {
  let failures: Array<FailSpec & { left: number }> = [];
  let drops: Array<{ left: number; pathPrefix?: string; method?: string; afterHandling: boolean }> = [];
  let lostWebhooks = 0;
  let duplicatedWebhooks = 0;
  let heldWebhooks = 0;
  /** Webhooks held back, oldest first; each resolves its gate when released and reports when delivered. */
  let held: Array<{ release: () => void; delivered: Promise<void> }> = [];
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
    /**
     * Cut the connection without an answer; `afterHandling` = the change is made first (a lost response:
     * Zendesk committed, the caller cannot know). `method` narrows it, e.g. to comment PUTs.
     */
    dropConnections(n: number, pathPrefix?: string, afterHandling = false, method?: string) {
      drops.push({ left: n, afterHandling, ...(pathPrefix ? { pathPrefix } : {}), ...(method ? { method } : {}) });
    },
    loseWebhooks(n: number) {
      lostWebhooks += n;
    },
    /** The next n webhooks arrive twice (Zendesk's at-least-once: a retry after a response it did not see). */
    duplicateWebhooks(n: number) {
      duplicatedWebhooks += n;
    },
    /** The next n webhooks wait until `releaseHeldWebhooks`: they arrive late, after later ones. */
    holdWebhooks(n: number) {
      heldWebhooks += n;
    },
    /** Delivers the held webhooks newest first, each after the previous one arrived: out of order. */
    async releaseHeldWebhooks(): Promise<number> {
      const batch = held.reverse();
      held = [];
      for (const h of batch) {
        h.release();
        await h.delivered;
      }
      return batch.length;
    },
    /** Clears armed faults; webhooks already held stay held until released. */
    reset() {
      failures = [];
      drops = [];
      lostWebhooks = 0;
      duplicatedWebhooks = 0;
      heldWebhooks = 0;
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
    takeDuplicateWebhook(): boolean {
      if (duplicatedWebhooks <= 0) return false;
      duplicatedWebhooks--;
      return true;
    },
    /** A gate to wait on before sending, and a callback once sent; undefined = send now. */
    takeHeldWebhook(): { gate: Promise<void>; delivered: () => void } | undefined {
      if (heldWebhooks <= 0) return undefined;
      heldWebhooks--;
      let release!: () => void;
      let delivered!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      held.push({ release, delivered: new Promise<void>((r) => (delivered = r)) });
      return { gate, delivered };
    },
    get heldWebhookCount() {
      return held.length;
    },
  };
}

export type FaultInjector = ReturnType<typeof createFaults>;
