/**
 * Evaluations per second of a 50-rule set over a mix of turns, against a baseline that only
 * normalizes each turn's text once (the least any evaluation must do), measured in the same run;
 * then the human-request detector alone, per turn (p50/p99/max), on the tuning and held-out turns
 * and on long turns (the detector reads at most 2,000 characters).
 *   npm run bench:rules
 */
import { CORPUS } from '../server/rules/corpus.js';
import { detectHumanRequest } from '../server/rules/detector/detect.js';
import { HELD_OUT } from '../server/rules/detector/held-out.js';
import { TUNING } from '../server/rules/detector/tuning.js';
import { defaultRules } from '../server/rules/default-rules.js';
import { evaluate } from '../server/rules/evaluate.js';
import { TurnSchema, type Rule } from '../server/rules/schema.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const fields = ['text', 'intent', 'metadata.plan', 'customer.tier'] as const;
// 44 admin rules that mostly do not match (the realistic case: every rule is checked), then the defaults.
const custom: Rule[] = Array.from({ length: 44 }, (_, i) => ({
  id: `r${i}`,
  name: `rule ${i}`,
  position: i + 1,
  enabled: true,
  conditions: {
    all: [
      i % 4 === 0
        ? { field: 'text', operator: 'contains', value: [`keyword${i}`, `phrase number ${i}`] }
        : i % 4 === 1
          ? { field: 'text', operator: 'matches', value: `order\\s+#?${i}\\d{3}` }
          : { field: fields[i % fields.length]!, operator: 'is', value: `value-${i}` },
      { field: 'confidence', operator: 'less_than', value: 0.5 },
    ],
    any: [],
  },
  action: { type: 'handoff', reasonCode: 'other', routing: {}, messages: { en: 'x' } },
}));
const rules = [...custom, ...defaultRules().map((r, i) => ({ ...r, position: 100 + i }))];
const turns = CORPUS.map((t, i) => TurnSchema.parse({ text: t.text, language: t.lang, signals: { confidence: (i % 10) / 10, sentiment: ((i % 7) - 3) / 3 }, metadata: { plan: i % 3 ? 'pro' : 'free' } }));

function run(label: string, fn: (i: number) => unknown): number {
  let n = 0;
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) for (let k = 0; k < 100; k++) fn(n++);
  const perSecond = n / SECONDS;
  console.log(`${label.padEnd(36)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s`);
  return perSecond;
}

console.log(`rules bench: ${rules.length} rules, ${turns.length} turns, ${SECONDS}s each`);
// Uncached on purpose: the engine caches normalizations, the baseline must not.
const baseline = run('baseline (normalize text only)', (i) => turns[i % turns.length]!.text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
const evals = run('evaluate, 50 rules', (i) => evaluate(rules, turns[i % turns.length]!));
console.log(`ratio evaluate/baseline: ${(evals / baseline).toFixed(3)}`);

// Detector latency per turn. Consecutive calls use different texts, so its one-entry memo never answers.
const detectorTexts = [...TUNING, ...HELD_OUT].map((t) => t.text);
const filler = 'my order from last week still has not arrived and the tracking page says nothing useful, ';
const longTexts = Array.from({ length: 50 }, (_, i) => `${filler.repeat(25 + i)} can i talk to a human please`);
// Wall time per call, and process CPU time per call: on a shared, loaded machine the wall time also counts
// the time other processes held the core, the CPU time does not.
function latencies(label: string, texts: string[], rounds: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) for (const text of texts) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    detectHumanRequest(text);
    wall.push((performance.now() - t0) * 1000);
    const c = process.cpuUsage(c0);
    cpu.push(c.user + c.system);
  }
  const q = (xs: number[], at: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(at * xs.length))]!.toFixed(0);
  console.log(`${label.padEnd(40)} n=${wall.length}  wall p50 ${q(wall, 0.5)} µs p99 ${q(wall, 0.99)} µs | cpu p50 ${q(cpu, 0.5)} µs p99 ${q(cpu, 0.99)} µs`);
}
latencies('detector warm-up', detectorTexts, 3);
latencies('detector, chat turns (tuning+held-out)', detectorTexts, 20);
latencies('detector, 2,000+ character turns', longTexts, 20);
