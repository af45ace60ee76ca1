import { request } from 'node:http';

export interface UploadOutcome {
  /** The status the client read, or undefined when no answer arrived. */
  status: number | undefined;
  code: string | undefined;
  /** A socket error seen before any answer (the "413 that never arrives"). */
  errorBeforeAnswer: string | undefined;
}

/**
 * A client that keeps uploading whatever the server says, as naive clients and proxies do: `total`
 * bytes in 64 KB writes that honour backpressure (so the test process itself stays small), with a
 * Content-Length or chunked. Resolves once the answer has been read or the connection is gone.
 */
export function upload(url: string, options: { total: number; chunked: boolean; headers?: Record<string, string> }): Promise<UploadOutcome> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    let status: number | undefined;
    let code: string | undefined;
    let errorBeforeAnswer: string | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy(); // the answer is in: stop uploading
      resolve({ status, code, errorBeforeAnswer });
    };
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...options.headers, ...(options.chunked ? {} : { 'content-length': String(options.total) }) },
    });
    req.on('response', (res) => {
      status = res.statusCode;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        finish();
      });
      res.on('error', finish);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (status === undefined) errorBeforeAnswer = error.code ?? error.message;
      // With an answer already being read, its 'end' settles; otherwise there is nothing more to wait for.
      if (status === undefined) finish();
    });
    req.on('close', () => setImmediate(finish));
    let sent = 0;
    const pump = () => {
      while (sent < options.total && !req.destroyed) {
        const piece = Math.min(chunk.length, options.total - sent);
        sent += piece;
        if (!req.write(piece === chunk.length ? chunk : chunk.subarray(0, piece))) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}
