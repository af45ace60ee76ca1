import { randomFillSync } from 'node:crypto';

const ID_RANDOM_BYTES = 10;
// One getrandom call per 409 ids instead of one per id: at ingest rates the syscall per message showed up as
// ~10 µs of relay CPU. The pool is filled by the same CSPRNG, so ids stay unguessable; bytes are never reused.
const pool = Buffer.alloc(ID_RANDOM_BYTES * 409);
let poolOffset = pool.length;

function nextRandomHex(): string {
  if (poolOffset + ID_RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + ID_RANDOM_BYTES);
  poolOffset += ID_RANDOM_BYTES;
  return hex;
}

/** Prefixed random ids (`ses_…`, `ten_…`): readable in logs, unguessable, sortable enough by creation time. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${nextRandomHex()}`;
}
