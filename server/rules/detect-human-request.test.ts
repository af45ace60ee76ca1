import { describe, expect, it } from 'vitest';
import { foldText } from './detector/chat-text.js';
import { HELD_OUT } from './detector/held-out.js';
import { INDEPENDENT_PROBE } from './detector/probe-independent.js';
import { INDEPENDENT_PROBE_2 } from './detector/probe-independent-2.js';
import { PROBE, PROBE_2 } from './detector/probe.js';
import { TUNING } from './detector/tuning.js';
import { DETECTOR_LANGS, type DetectorTurn } from './detector/turn.js';
import { detectHumanRequest } from './detect-human-request.js';

// The targets of issue #15, on turns written before the detector and never tuned on (server/rules/detector/held-out.ts).
const HELD_OUT_PRECISION_TARGET = 0.97;
const HELD_OUT_RECALL_TARGET = 0.9;

interface Score { turns: number; positives: number; precision: number; recall: number; misses: string[] }

function score(turns: readonly DetectorTurn[], withLocale: boolean): Score {
  let tp = 0, fp = 0, fn = 0;
  const misses: string[] = [];
  for (const turn of turns) {
    const got = detectHumanRequest(turn.text, withLocale ? turn.lang : undefined);
    if (got && turn.human) tp++;
    else if (got) (fp++, misses.push(`false positive [${turn.lang}/${turn.family}] ${turn.text}`));
    else if (turn.human) (fn++, misses.push(`missed [${turn.lang}/${turn.family}] ${turn.text}`));
  }
  // An empty denominator (no positive predicted) counts as 0, so a detector that says "no" to everything fails.
  return { turns: turns.length, positives: tp + fn, precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0, misses };
}

function report(name: string, turns: readonly DetectorTurn[], withLocale: boolean): Score {
  const all = score(turns, withLocale);
  const lines = DETECTOR_LANGS.map((lang) => {
    const s = score(turns.filter((t) => t.lang === lang), withLocale);
    return `  ${lang}: ${s.turns} turns (${s.positives} asking), precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`;
  });
  console.log(`${name}${withLocale ? ' (with locale)' : ' (no locale)'}: ${all.turns} turns, precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}\n${lines.join('\n')}${all.misses.length ? `\n  ${all.misses.join('\n  ')}` : ''}`);
  return all;
}

describe('explicit request for a human: evaluation', () => {
  it('meets precision ≥ 0.97 and recall ≥ 0.90 on the held-out turns, without and with the turn locale', () => {
    for (const withLocale of [false, true]) {
      const { precision, recall } = report('held out', HELD_OUT, withLocale);
      expect(precision).toBeGreaterThanOrEqual(HELD_OUT_PRECISION_TARGET);
      expect(recall).toBeGreaterThanOrEqual(HELD_OUT_RECALL_TARGET);
    }
  });

  it('does no worse than the frozen detector did on the probe set written after it (precision 0.967, recall 0.738)', () => {
    // The probe's first look is the honest figure (README); since then its miss families were tuned on with new
    // sentences, so these floors only catch a regression below that first look.
    // Raised to just under the (no longer blind) reading after the fifth tuning batch: 1.000 / 1.000.
    const { precision, recall } = report('probe', PROBE, false);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('does no worse than its first look at the second probe set (precision 0.943, recall 0.825)', () => {
    // Raised to just under the (no longer blind) reading after the fifth tuning batch: 1.000 / 1.000.
    const { precision, recall } = report('second probe', PROBE_2, false);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('does no worse than its first look at the independent probe written by another author (precision 0.981, recall 0.813)', () => {
    // The most honest figure of the three probes (README): another author, who never read the grammars.
    // Raised to the reading after the fifth tuning batch (1.000 / 0.953): its sentences were still never read or
    // tuned on, but its aggregate was watched while the grammars changed, so it is no longer a blind figure.
    const { precision, recall } = report('independent probe', INDEPENDENT_PROBE, false);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('meets the targets on the second independent probe, read blind once (precision 0.983, recall 0.922)', () => {
    // Written by another author after the second tuning round, never tuned on: the figure README quotes for unseen phrasing.
    const { precision, recall } = report('second independent probe', INDEPENDENT_PROBE_2, false);
    expect(precision).toBeGreaterThanOrEqual(HELD_OUT_PRECISION_TARGET);
    expect(recall).toBeGreaterThanOrEqual(HELD_OUT_RECALL_TARGET);
  });

  it('holds the tuning set it was shaped on', () => {
    const { precision, recall } = report('tuning', TUNING, false);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('has a held-out set of 300+ turns, balanced in each of eight languages, that shares no sentence with the tuning set', () => {
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(300);
    for (const lang of DETECTOR_LANGS) {
      const asking = HELD_OUT.filter((t) => t.lang === lang && t.human).length;
      const notAsking = HELD_OUT.filter((t) => t.lang === lang && !t.human).length;
      expect({ lang, asking: asking >= 15, notAsking: notAsking >= 15, balanced: Math.abs(asking - notAsking) <= 5 }).toEqual({ lang, asking: true, notAsking: true, balanced: true });
    }
    const tuning = new Set(TUNING.map((t) => foldText(t.text).trim()));
    expect([...HELD_OUT, ...PROBE, ...PROBE_2, ...INDEPENDENT_PROBE, ...INDEPENDENT_PROBE_2].filter((t) => tuning.has(foldText(t.text).trim())).map((t) => t.text)).toEqual([]);
  });
});
