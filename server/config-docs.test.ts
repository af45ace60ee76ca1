import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from './config.js';

/** The variable names in the first column of README's Configuration table (a cell may name several). */
function documentedVariables(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+`/.test(line))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

describe("README's Configuration table", () => {
  // TICKET_UPDATE_SPACING_MS was read from the environment but missing from the table: operators could not find it.
  it('lists every variable the relay reads, and only those', () => {
    expect([...documentedVariables()].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
