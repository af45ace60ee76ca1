import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A platform switches on an event's state and cause. Typed as plain strings, a typo compiled and a cause the platform
 * never handled (session.returned's no_agent_timeout, missing from the docs) went unnoticed until it arrived.
 */
const RECEIVER = `
import type { BatonEvent } from '../sdk/src/index.js';

export function handle(event: BatonEvent): string {
  if (event.type === 'session.returned') {
    switch (event.data.cause) {
      case 'ticket_solved':
      case 'ticket_closed':
      case 'ticket_deleted':
        return 'ticket over';
      case 'agent_returned_to_ai':
        return event.data.note ?? 'agent';
      case 'no_agent_timeout':
        return 'nobody came';
      default: {
        const unhandled: never = event.data.cause; // every cause handled: checked by the compiler
        return unhandled;
      }
    }
  }
  if (event.type === 'session.state_changed') {
    // @ts-expect-error a state that does not exist
    if (event.data.to === 'humans') return 'typo';
    // @ts-expect-error a cause that does not exist
    if (event.data.cause === 'ticket_solve') return 'typo';
    return event.data.from === 'waiting' && event.data.to === 'human' ? 'a person answered' : event.data.cause;
  }
  if (event.type === 'handoff.accepted') {
    // @ts-expect-error handoff.accepted carries a session state
    if (event.data.state === 'accepted') return 'typo';
  }
  return event.type;
}
`;

describe('the SDK event types', () => {
  it('name the states and causes an event carries, so a switch over them is checked', async () => {
    mkdirSync(`${ROOT}/tmp`, { recursive: true }); // tmp/ is git-ignored
    const file = `${ROOT}/tmp/sdk-event-receiver.ts`;
    writeFileSync(file, RECEIVER);
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', file];
    const result = await run(process.execPath, [tsc, ...args], { cwd: ROOT }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  }, 120_000);
});
