import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

/** axe-core's browser build, injected into the app's iframe as a script (the pinned devDependency). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeFinding = { id: string; impact: string | null; nodes: number; help: string };

/** The app's frame: the iframe the workspace host loads the built app into. */
export const appFrame = (page: Page): Frame => page.frames().find((f) => f.url().includes('/app/iframe.html'))!;

/** Runs axe (WCAG 2.x A/AA and best practices) on the app's document; every violation, with how many nodes. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const frame = appFrame(page);
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[]; help: string }> }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
}

/** The violations a release may not have: critical and serious ones. */
export const blocking = (findings: AxeFinding[]) => findings.filter((f) => f.impact === 'critical' || f.impact === 'serious');
