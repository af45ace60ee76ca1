/**
 * The wait estimate: a median of first-reply times that does not forget the customers nobody has answered yet. Only
 * answered sessions give a median a plain sort can read; when agents are swamped the unanswered ones are the long
 * waits, and leaving them out made the estimate optimistic exactly then. A session still waiting counts the way
 * survival analysis counts a censored sample (Kaplan–Meier): its wait so far is a lower bound of its wait.
 */
import { businessMsBetween, type BusinessSchedule } from './business-hours.js';

export interface WaitSample {
  /** Answered: the first-reply time. Unanswered: the wait so far, or until the session left the queue, a lower bound. */
  seconds: number;
  answered: boolean;
}

export interface WaitEstimate {
  estimatedWaitSeconds: number | null;
  /** First replies behind the estimate (sessions still waiting are not counted: they only push it up). */
  sampleSize: number;
}

/** Below this difference two survival values are equal: the products of fractions are not exact in floating point. */
const EPSILON = 1e-9;

/**
 * The Kaplan–Meier median wait in seconds; null below `minSamples` first replies. Without sessions still waiting it is
 * the plain median (the mean of the middle two for an even count). When more than half may still be waiting (the
 * survival curve never falls to one half), the median is past every wait seen, so the longest wait seen is the
 * estimate: a lower bound, the honest "at least".
 */
export function estimateWait(samples: readonly WaitSample[], minSamples: number): WaitEstimate {
  const answered = samples.filter((s) => s.answered).length;
  if (answered < minSamples || answered === 0) return { estimatedWaitSeconds: null, sampleSize: answered };
  // At equal times a reply counts before a wait so far: a customer waiting 60 s was still at risk at the 60 s reply.
  const sorted = [...samples].sort((a, b) => a.seconds - b.seconds || Number(b.answered) - Number(a.answered));
  let survival = 1;
  let atRisk = sorted.length;
  let halfAt: number | null = null;
  for (let i = 0; i < sorted.length; ) {
    const t = sorted[i]!.seconds;
    let replies = 0;
    let leaving = 0;
    for (; i < sorted.length && sorted[i]!.seconds === t; i++, leaving++) if (sorted[i]!.answered) replies++;
    if (replies > 0) {
      if (halfAt !== null) return { estimatedWaitSeconds: Math.round((halfAt + t) / 2), sampleSize: answered };
      survival *= 1 - replies / atRisk;
      // Exactly one half: the median lies between this reply time and the next one, as with an even count.
      if (Math.abs(survival - 0.5) < EPSILON) halfAt = t;
      else if (survival < 0.5) return { estimatedWaitSeconds: Math.round(t), sampleSize: answered };
    }
    atRisk -= leaving;
  }
  return { estimatedWaitSeconds: Math.round(halfAt ?? sorted.at(-1)!.seconds), sampleSize: answered };
}

/** A still-waiting session's wait so far, timed as its first reply would be: business time on its schedule, else wall-clock. */
export function waitSoFarSeconds(schedule: BusinessSchedule | null, acceptedAt: Date, now: Date): number {
  const ms = schedule ? businessMsBetween(schedule, acceptedAt, now) : now.getTime() - acceptedAt.getTime();
  return Math.max(0, ms) / 1000;
}
