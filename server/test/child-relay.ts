import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildRelay {
  process: ChildProcess;
  url: Promise<string>;
  /** stdout and stderr interleaved as they arrived. */
  output: () => string;
  /** stdout alone: the relay's log. */
  stdout: () => string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `server/main.ts` in its own process (as `npm start` does), for crash and multi-process tests. */
export function spawnRelay(env: Record<string, string>, nodeArgs: readonly string[] = []): ChildRelay {
  // Readiness is the info-level log line "listening on <url>" (a relay off a terminal prints no banner): a quieter
  // level would leave `url` waiting for ever.
  if (['warn', 'error', 'fatal', 'silent'].includes(env.LOG_LEVEL?.trim() ?? '')) {
    throw new Error(`spawnRelay: LOG_LEVEL=${env.LOG_LEVEL} hides the "listening on" line it waits for; use info or lower`);
  }
  // `node --import tsx` keeps the relay in this one process: the tsx CLI would fork a child that a
  // SIGKILL of the parent leaves running (still holding the data-dir lock).
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // The embedded database unless the caller passes DATABASE_URL (the test runner's own must not leak in).
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let resolveUrl: (u: string) => void;
  let rejectUrl: (e: Error) => void;
  const url = new Promise<string>((res, rej) => ((resolveUrl = res), (rejectUrl = rej)));
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // The URL ends at the JSON string's closing quote.
    const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
    if (match) resolveUrl(match[1]!);
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onData(chunk);
  });
  child.stderr!.on('data', onData);
  url.catch(() => {}); // Observed by tests that expect an early exit instead.
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      rejectUrl(new Error(`relay exited with ${code} before listening:\n${output}`));
      resolve(code);
    }),
  );
  return {
    process: child,
    url,
    output: () => output,
    stdout: () => stdout,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
