/**
 * Self and inclusive time per function of a V8 CPU profile (`--cpu-prof`), counting only the samples inside a
 * window of the monotonic clock (the hop bench prints each round's window when BENCH_PROFILE is set): the
 * steady round of a long profile, without its start-up.
 *   node --import tsx bench/profile-window.ts <file.cpuprofile> [fromMicros toMicros] [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, from = '0', to = String(Number.MAX_SAFE_INTEGER), rows = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-window.ts <file.cpuprofile> [fromMicros toMicros] [rows]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
// A sample stands for the time until the next one; but the sampler cannot interrupt a thread the OS has taken off its
// core, so on a busy machine one sample may stand for 100+ ms inside whatever function was preempted (a profile of
// the hop once showed 219 ms "in" pg's parseDate from a single sample). Time beyond a few sampling intervals is
// counted apart, as time off the CPU.
const interval = [...profile.timeDeltas].sort((x, y) => x - y)[profile.timeDeltas.length >> 1] ?? 1000;
const OFF_CPU = '(off the CPU: descheduled or blocked between two samples)';
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < Number(from) || at > Number(to)) continue;
  const delta = profile.timeDeltas[i + 1] ?? 0;
  const spent = Math.min(delta, 5 * interval);
  if (delta > spent) self.set(OFF_CPU, (self.get(OFF_CPU) ?? 0) + delta - spent);
  total += delta;
  const leaf = nodes.get(profile.samples[i]!)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + spent);
  const counted = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id)) {
    const name = label(nodes.get(id)!);
    if (counted.has(name)) continue; // recursion counts once
    counted.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + spent);
  }
}
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(rows));
const line = ([name, micros]: [string, number]) => `${(micros / 1000).toFixed(1).padStart(9)} ms  ${name}`;
console.log(`${(total / 1000).toFixed(0)} ms sampled in the window`);
console.log('self time:');
for (const entry of top(self)) console.log(line(entry));
console.log('inclusive time:');
for (const entry of top(inclusive)) console.log(line(entry));
