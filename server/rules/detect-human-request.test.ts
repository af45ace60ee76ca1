import { describe, expect, it } from 'vitest';
import { CORPUS } from './corpus.js';
import { detectHumanRequest } from './detect-human-request.js';

describe('explicit request for a human', () => {
  it('reaches precision ≥ 0.95 and recall ≥ 0.90 on the labelled corpus', () => {
    let tp = 0, fp = 0, fn = 0;
    const misses: string[] = [];
    for (const turn of CORPUS) {
      const got = detectHumanRequest(turn.text);
      if (got && turn.human) tp++;
      else if (got && !turn.human) (fp++, misses.push(`false positive [${turn.lang}] ${turn.text}`));
      else if (!got && turn.human) (fn++, misses.push(`missed [${turn.lang}] ${turn.text}`));
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`human-request detector on ${CORPUS.length} turns: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`);
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('covers every language with positives and negatives', () => {
    for (const lang of ['en', 'de', 'fr', 'es', 'pt', 'ja']) {
      expect(CORPUS.some((t) => t.lang === lang && t.human)).toBe(true);
      expect(CORPUS.some((t) => t.lang === lang && !t.human)).toBe(true);
    }
  });
});
