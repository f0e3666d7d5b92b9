// Indexing progress a person notices (issue 15, part 1), in Chromium against the real
// core: the folder card is there at once with its state; the progress says "estimating"
// (in the card and the status bar) until the core's estimate is honest; and the pass
// ends with a notice of what it did, in English and Chinese.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeBulkFolder } from './support/fixture-bulk.js';
import { folderRow, openView, shot, waitWatching, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

for (const language of ['en', 'zh-CN'] as const) {
  test(`adding a folder: card at once, "estimating" until an honest estimate, a notice at the end (${language})`, async ({ page }) => {
    const errors = watchPageErrors(page);
    const zh = language === 'zh-CN';
    await page.getByTestId('lang-switch').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    // Different texts per language: nothing comes from the embedding cache.
    const bulk = writeBulkFolder(join(root, `shelf-${language}`), 600, zh ? 10_000 : 0);
    await openView(page, 'folders');
    const view = page.getByTestId('view-folders');
    await view.getByTestId('add-folder-input').fill(bulk);
    await view.getByTestId('add-folder-button').click();
    const row = folderRow(page, bulk);
    await expect(row).toBeVisible({ timeout: 2000 });
    await expect(row.getByTestId('folder-state')).toBeVisible();

    const text = row.getByTestId('folder-progress-text');
    await expect(text).toContainText(zh ? '正在估算剩余时间' : 'estimating time left', { timeout: 30_000 });
    await expect(page.getByTestId('status-left')).toBeVisible();
    await expect(page.getByTestId('status-left')).toContainText(zh ? /正在估算|约剩/ : /estimating|left/);
    await page.screenshot({ path: shot(`progress-estimating-${language}.png`) });
    // The time left itself comes once files commit in batches (a unit test, eta-estimator,
    // covers when); on this small box the pass may end first.

    await waitWatching(row);
    const notice = page.getByTestId('notice').filter({ hasText: zh ? 'shelf-zh-CN 索引完成' : 'Finished shelf-en:' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(zh ? /新索引 \d+ 个文件/ : /\d+ files indexed, 0 unchanged/);
    await page.screenshot({ path: shot(`progress-finished-${language}.png`) });
    await page.getByTestId('lang-switch').selectOption('en');
    expect(errors).toEqual([]);
  });
}
