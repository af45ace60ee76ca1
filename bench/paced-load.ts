import { Agent, request } from 'node:http';

/**
 * An open-loop load at a steady rate: requests leave every 1/rate seconds over a pool of keep-alive
 * connections, whether or not earlier ones were answered (a stalled server is charged for every request
 * that arrives meanwhile). Latency counts from the moment a request is handed to the client, waiting for
 * a free connection included; a late timer tick in this process (the box is shared) is not charged.
 *
 * Why not autocannon's `overallRate`: it gives each connection a per-second quota that the connection
 * spends back to back as soon as the second starts, then idles. "Half load" that way is full load for
 * half of every second, and its p99 is the saturated p99 (autocannon 9, lib/httpClient.js `rateInterval`).
 */
export interface PacedResult { rps: number; p50: number; p99: number; errors: number; non2xx: number }

export interface PacedRequest { path: string; body: string }

export async function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  next: () => PacedRequest;
}): Promise<PacedResult> {
  const { hostname, port } = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const total = Math.round(options.rate * options.seconds);
  const start = performance.now();
  const intervalMs = 1000 / options.rate;
  await new Promise<void>((resolve) => {
    let settled = 0;
    const done = () => {
      if (++settled === total) resolve();
    };
    const fire = () => {
      const sentAt = performance.now();
      const { path, body } = options.next();
      const req = request(
        { agent, hostname, port, path, method: 'POST', headers: { ...options.headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          if ((res.statusCode ?? 0) >= 300) non2xx++;
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - sentAt);
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(body);
    };
    // A timer tick sends every request that has come due since the last tick (timers fire at >= 1 ms).
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        sent++;
        fire();
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(10 * (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN)) / 10;
  return { rps: latencies.length / elapsedS, p50: at(0.5), p99: at(0.99), errors, non2xx };
}
