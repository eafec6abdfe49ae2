import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** WCAG 2.1 A and AA, the level the project's pages are held to. */
export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations on the page as it stands, checked against `tags` (WCAG 2.1 AA unless said otherwise). */
export async function accessibilityViolations(page: Page, tags: readonly string[] = WCAG21_AA): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (values) => {
    const result = await (globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run({
      runOnly: { type: 'tag', values },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
  }, [...tags]);
}
