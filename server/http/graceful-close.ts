import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Stopping the relay (SIGTERM on every deploy) used to destroy every connection at once: each request in flight, a
 * customer line being committed included, got a reset, and its client could not tell whether it had landed. Now the
 * listener closes, requests already received finish (answered `Connection: close`, so no new request follows on
 * their socket) within `graceMs`, and only then is what remains cut: long-lived streams (`waitFor` false: the
 * sidebar reconnects or polls) and requests that overran the grace.
 */
export function trackRequestsForClose(server: Server, waitFor: (req: IncomingMessage) => boolean) {
  const pending = new Set<ServerResponse>();
  let closing = false;
  let drained: (() => void) | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.setHeader('connection', 'close');
    if (!waitFor(req)) return;
    pending.add(res);
    res.once('close', () => {
      pending.delete(res);
      if (pending.size === 0) drained?.();
    });
  });

  return {
    /** Resolves once the server is closed; never waits longer than graceMs for requests in flight. */
    async close(graceMs: number): Promise<void> {
      closing = true;
      for (const res of pending) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (pending.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          drained = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
