import { createServer, connect, type Socket } from 'node:net';
import { POSTGRES_URL } from './backends.js';

/**
 * A TCP hop in front of a server (here PostgreSQL) that a test can take down and bring back without touching the
 * server itself, which other suites share. While down it cuts every open connection and resets each new one as soon
 * as it arrives, and counts those attempts: the client sees its connections fail as when the database goes away.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<Socket>();
  let down = false;
  let stalled = false;
  let refused = 0;
  const server = createServer((client) => {
    if (down) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    if (stalled) {
      // Accepted and never answered, like a SYN/ACK from a host whose traffic is then dropped.
      open.add(client);
      client.on('error', () => {});
      client.on('close', () => open.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      open.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => (open.delete(a), b.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    /** Connections reset since the proxy last went down. */
    get refused() {
      return refused;
    },
    takeDown() {
      down = true;
      refused = 0;
      for (const socket of open) socket.resetAndDestroy();
    },
    /**
     * Packets dropped, connections left open: nothing is forwarded either way any more and nothing is closed, so a
     * client only learns of it from its own timeout (TCP's retransmissions would take ~15 minutes).
     */
    stall() {
      stalled = true;
      for (const socket of open) {
        socket.unpipe();
        socket.pause();
      }
    },
    bringBack() {
      down = false;
      // Connections that lived through a stall are as good as dead: the clients gave up on them.
      if (stalled) for (const socket of open) socket.destroy();
      stalled = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

/** A proxy in front of the test PostgreSQL server (POSTGRES_URL), for a relay whose database a test takes away. */
export function startPostgresProxy(): Promise<TcpProxy> {
  const server = new URL(POSTGRES_URL!);
  return startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
}

/** The same database URL, reached through `proxy`. */
export function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

/**
 * A host that silently drops packets, as a firewall or a dead route does: connections are accepted and nothing is
 * ever answered (a refused or reset connection would fail fast; this one only a timeout ends). Counts connections.
 */
export async function startBlackHole() {
  const held = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    held.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    /** A database URL whose server never answers. */
    url: `postgres://baton@127.0.0.1:${port}/baton`,
    get accepted() {
      return accepted;
    },
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
