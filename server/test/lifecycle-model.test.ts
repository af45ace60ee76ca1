import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { commandArbitraries, newModel, type Model, type Real } from './lifecycle-commands.js';
import { lifecycleViolations } from './lifecycle-invariants.js';
import { startWorld, type World, type WritePath } from './lifecycle-world.js';

warnIfPostgresSkipped('lifecycle-model.test.ts');

/**
 * Issue 10: one conversation, many handoffs. Random sequences of up to 30 commands (handoff,
 * re-escalation, customer and AI lines, agent replies and notes, solve / reopen / close, Return to
 * AI, end, Zendesk webhooks lost / repeated / late, relay restarts, writes Zendesk committed but the
 * relay never heard of) run against the real relay and the Zendesk emulator over sockets; after
 * each, once everything has settled, the lifecycle invariants must hold.
 *
 * MODEL_RUNS sequences per backend (default 50: 100 per CI run on PGlite + PostgreSQL);
 * MODEL_SEED / MODEL_PATH replay a failure (fast-check prints both; MODEL_SEED=random explores); MODEL_TRACE=1 times each command; MODEL_TIME_LIMIT_MS bounds a run including shrinking
 * (a run cut short before MODEL_RUNS sequences counts as a failure).
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 50);
const TIME_LIMIT_MS = Number(process.env.MODEL_TIME_LIMIT_MS ?? 300_000);
/**
 * CI replays one fixed seed (DEFAULT_SEED), so a red run is a change's doing and can be replayed as is; the
 * exploration that found today's races runs with MODEL_SEED=random (a fresh seed each run, printed on failure).
 */
const DEFAULT_SEED = 20261130;
const SEED = process.env.MODEL_SEED === 'random' ? undefined : Number(process.env.MODEL_SEED ?? DEFAULT_SEED);
const PATH = process.env.MODEL_PATH;
/** MODEL_TRACE=1 prints each command with its duration. */
const TRACE = Boolean(process.env.MODEL_TRACE);

const timed = (c: fc.AsyncCommand<Model, Real, false>): fc.AsyncCommand<Model, Real, false> => ({
  check: (m) => c.check(m),
  async run(m, r) {
    const t0 = Date.now();
    await c.run(m, r);
    console.info(`  ${String(c)}: ${Date.now() - t0} ms`);
  },
  toString: () => String(c),
});

describe.each(BACKENDS)('the lifecycle model on %s', (backend) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(backend);
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it(`keeps every invariant over ${RUNS} random sequences of up to 30 commands`, async () => {
    const started = Date.now();
    let sequences = 0;
    const property = fc.asyncProperty(
      fc.constantFrom<WritePath>('author_id', 'requests_api'),
      fc.commands(commandArbitraries, { maxCommands: 30, size: 'medium' }),
      async (path, commands) => {
        sequences++;
        world.errorLogs.length = 0;
        world.serverErrors.length = 0;
        const tag = randomBytes(4).toString('hex');
        const real: Real = { world, desk: world.desks[path], conversationId: `conv-model-${tag}`, tag };
        const model: Model = newModel();
        try {
          await fc.asyncModelRun(() => ({ model, real }), TRACE ? [...commands].map(timed) : commands);
          await world.quiesce();
          const violations = await lifecycleViolations(model, real);
          if (violations.length > 0) throw new Error(`${violations.length} invariant violation(s) on ${path}:\n  ${violations.join('\n  ')}`);
        } finally {
          // Whatever failed, the next sequence starts in a quiet world.
          await world.quiesce().catch(() => undefined);
        }
      },
    );
    await fc.assert(property, {
      numRuns: RUNS,
      ...(SEED === undefined ? {} : { seed: SEED }),
      ...(PATH ? { path: PATH } : {}),
      plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS, { failOnInterrupt: true })],
    });
    const seconds = (Date.now() - started) / 1000;
    console.info(`lifecycle model on ${backend}: ${sequences} sequences in ${seconds.toFixed(1)} s (${((seconds / sequences) * 1000).toFixed(0)} ms per sequence)`);
  }, TIME_LIMIT_MS + 120_000);
});
