import { describe, expect, it } from 'vitest';
import { schemaAheadWarning, unknownMigrations } from './schema-ahead.js';

describe('migrations a newer relay recorded', () => {
  const known = [{ version: 1 }, { version: 2 }];

  it('are those recorded that this build does not know, in version order', () => {
    const recorded = [{ version: 4, name: 'd' }, { version: 1, name: 'a' }, { version: 3, name: 'c' }, { version: 2, name: 'b' }];
    expect(unknownMigrations(recorded, known)).toEqual([{ version: 3, name: 'c' }, { version: 4, name: 'd' }]);
  });

  it('are none on a database at or behind this build', () => {
    expect(unknownMigrations([{ version: 1, name: 'a' }], known)).toEqual([]);
  });

  it('are named with their version in the warning', () => {
    expect(schemaAheadWarning([{ version: 3, name: 'c' }])).toMatch(/^the database schema is newer than this relay: migration 3 \(c\) was/);
  });
});
