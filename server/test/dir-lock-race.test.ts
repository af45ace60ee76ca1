import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  // The lock used to be created empty and written a moment later: a second starter reading it in between found no
  // holder, took it for a crashed one's, replaced it, and both ran on one directory (PGlite then loses commits).
  it('never both take the lock (many rounds)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-lockrace-'));
    contenders.push(startContender(dir), startContender(dir));
    expect(await Promise.all(contenders.map((c) => c.send('')))).toEqual(['ready', 'ready']);
    const bothWon: number[] = [];
    const answers = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const replies = await Promise.all(contenders.map((c) => c.send('acquire')));
      if (replies.every((r) => r === 'won')) bothWon.push(round);
      for (const r of replies) answers.add(r.replace(/process \d+.*/, 'process …'));
      await Promise.all(contenders.map((c) => c.send('release')));
    }
    expect(bothWon).toEqual([]);
    // Each round has one winner; the loser read the winner's pid, never an empty or half-written lock.
    expect([...answers].sort()).toEqual(['lost DataDirLockedError: The data directory ' + dir + ' is in use by process …', 'won'].sort());
  }, 120_000);
});
