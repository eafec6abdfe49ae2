// The docs' screenshots are taken by the browser tests as they walk each screen, but written only when asked
// (`WRITE_SCREENSHOTS=1 npx vitest run <browser test>`), so an ordinary test run never changes the tree.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';

export const WRITE_SCREENSHOTS = process.env.WRITE_SCREENSHOTS === '1';

/** Writes a full-page screenshot of `page` to `path` when WRITE_SCREENSHOTS=1; otherwise does nothing. */
export async function docScreenshot(page: Page, path: string): Promise<void> {
  if (!WRITE_SCREENSHOTS) return;
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}
