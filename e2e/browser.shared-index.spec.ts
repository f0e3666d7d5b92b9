// Settings → Index location in Chromium against the real core: a bad location or folder
// mapping is explained and not saved, good ones are saved by the core (and kept after a
// reload), in English and in Chinese. The index itself stays where it is until the next
// start; src/core-shared-index.test.ts covers what the settings do.
import { expect, test } from '@playwright/test';
import { openView, shot } from './support/sift-page.js';

test('settings: index location and folder mapping, checked and saved, in English and Chinese', async ({ page, baseURL }) => {
  await page.goto('/');
  await openView(page, 'settings');
  const view = page.getByTestId('view-settings');
  const location = view.getByTestId('settings-index-location');
  const roots = view.getByTestId('settings-index-roots');
  // Each field shows its own "Saved" or error beside it (two may show at once).
  const fieldOf = (input: typeof roots) => input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " draft-field ")][1]');
  await expect(location).toHaveValue('');
  await expect(location).toHaveAttribute('placeholder', 'In Sift’s data folder');

  await location.fill('relative/index');
  await location.press('Enter');
  await expect(fieldOf(location).getByTestId('setting-error')).toContainText('Enter an absolute folder (/…, C:\\…) or s3://bucket/prefix');
  await location.fill('s3://team-index/sift');
  await location.press('Enter');
  await expect(fieldOf(location).getByTestId('setting-saved')).toBeVisible();

  await roots.fill('/srv/share');
  await roots.press('Enter');
  await expect(fieldOf(roots).getByTestId('setting-error')).toContainText('Write STORED=HERE pairs');
  await roots.fill('/srv/share=/Volumes/share');
  await roots.press('Enter');
  await expect(fieldOf(roots).getByTestId('setting-saved')).toBeVisible();
  await view.locator('#settings-shared-index').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('settings-shared-index.png') });

  await page.reload();
  await openView(page, 'settings');
  await expect(view.getByTestId('settings-index-location')).toHaveValue('s3://team-index/sift');
  await expect(view.getByTestId('settings-index-roots')).toHaveValue('/srv/share=/Volumes/share');
  const settings = (await (await page.request.post('/api/getSettings', { data: {}, headers: { origin: baseURL! } })).json()) as Record<string, unknown>;
  expect(settings).toMatchObject({ indexLocation: 's3://team-index/sift', indexRoots: '/srv/share=/Volumes/share' });

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(view.locator('#settings-shared-index')).toHaveText('索引位置');
  await view.locator('#settings-shared-index').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('settings-shared-index-zh.png') });

  // Back as the other specs expect the shared server: English, index in the data folder.
  await view.getByTestId('settings-index-location').fill('');
  await view.getByTestId('settings-index-location').press('Enter');
  await view.getByTestId('settings-index-roots').fill('');
  await view.getByTestId('settings-index-roots').press('Enter');
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(view.getByTestId('settings-index-location')).toHaveValue('');
});
