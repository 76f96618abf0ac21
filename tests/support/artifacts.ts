import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots of each end-to-end step, kept for people to look at (git-ignored). */
export function stepShooter(testName: string): (page: Page, step: string) => Promise<void> {
  const dir = join(process.cwd(), 'artifacts', 'e2e', testName);
  mkdirSync(dir, { recursive: true });
  let index = 0;
  return async (page, step) => {
    index += 1;
    await page.screenshot({ path: join(dir, `${String(index).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}
