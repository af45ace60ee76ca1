import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CONTENDER = fileURLToPath(new URL('./fixtures/lock-contender.ts', import.meta.url));
const ROUNDS = 300;

interface Contender {
  child: ChildProcess;
  send(command: string): Promise<string>;
}

function startContender(dir: string): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<(line: string) => void> = [];
  const early: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (early.length > 0 ? resolve(early.shift()!) : waiting.push(resolve)));
  return {
    child,
    send(command) {
      const answer = nextLine();
      if (command !== '') child.stdin!.write(`${command}\n`);
      return answer;
    },
  };
}

describe('two processes starting on one data directory at once', () => {
  const contenders: Contender[] = [];
  let dir = '';
  afterEach(() => {
    for (const c of contenders.splice(0)) c.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const race = async (before: () => void, onReplies: (replies: string[]) => void = () => {}) => {
    contenders.push(startContender(dir), startContender(dir));
    expect(await Promise.all(contenders.map((c) => c.send('')))).toEqual(['ready', 'ready']);
    const bothWon: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      before();
      const replies = await Promise.all(contenders.map((c) => c.send('acquire')));
      if (replies.every((r) => r === 'won')) bothWon.push(round);
      onReplies(replies);
      await Promise.all(contenders.map((c) => c.send('release')));
    }
    return bothWon;
  };

  // A relay killed (out of memory, SIGKILL) leaves its lock; two relays then starting on the directory both find it
  // stale. The one that removed it second removed the other's fresh lock instead, and both ran.
  it('never both take over a lock left by a dead process (many rounds)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-lockrace-'));
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = dead.pid!;
    await new Promise((resolve) => dead.once('exit', resolve));
    const stale = JSON.stringify({ pid: deadPid, host: hostname(), since: '2026-12-01T00:00:00.000Z' });
    expect(await race(() => writeFileSync(join(dir, 'baton.lock'), stale))).toEqual([]);
  }, 120_000);

  // The lock used to be created empty and written a moment later: a second starter reading it in between found no
  // holder, took it for a crashed one's, replaced it, and both ran on one directory (PGlite then loses commits).
  it('never both take the lock (many rounds)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-lockrace-'));
    const answers = new Set<string>();
    const bothWon = await race(() => {}, (replies) => replies.forEach((r) => answers.add(r.replace(/process \d+.*/, 'process …'))));
    expect(bothWon).toEqual([]);
    // Each round has one winner; the loser read the winner's pid, never an empty or half-written lock.
    expect([...answers].sort()).toEqual(['lost DataDirLockedError: The data directory ' + dir + ' is in use by process …', 'won'].sort());
  }, 120_000);
});
