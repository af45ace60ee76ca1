import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Connections handed to each upstream so far, in the order the upstreams were given. */
  connectionsPerUpstream(): number[];
  close(): Promise<void>;
}

/**
 * A layer-4 load balancer in front of several relays (as HAProxy `mode tcp` or a cloud TCP balancer would
 * be): each new connection goes to the next upstream in turn and bytes are piped both ways. Per connection,
 * not per request: the emulator's webhooks and the bench's API calls open many keep-alive connections under
 * a burst, so they spread over the relays; piping costs the bench process far less CPU than parsing HTTP.
 */
export async function startRoundRobinProxy(upstreams: readonly string[]): Promise<RoundRobinProxy> {
  const targets = upstreams.map((u) => new URL(u));
  const counts = targets.map(() => 0);
  const open = new Set<Socket>();
  let next = 0;
  const server: Server = createServer((client) => {
    const index = next++ % targets.length;
    counts[index]!++;
    const target = targets[index]!;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.setNoDelay(true);
    }
    // Either side failing ends both: the HTTP client sees a dropped connection, as behind a real balancer.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connectionsPerUpstream: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
