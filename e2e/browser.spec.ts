// The real UI in Chromium against the real core (`sift serve`, started by the config).
// Tests share one server and one index; each makes sure the notes folder is indexed.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeFixtureNotes } from './support/fixture-notes.js';
import { addFolderAndWait, folderRow, search, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
const notes = writeFixtureNotes(join(root, 'notes'));

function shot(name: string): string {
  return join(test.info().project.outputDir, name);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('indexes a folder added by path and finds a note by a paraphrase', async ({ page }) => {
  const errors = watchPageErrors(page);
  if ((await page.getByTestId('folder-row').count()) === 0) {
    // A fresh index says what to do first.
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await page.screenshot({ path: shot('empty.png'), fullPage: true });
  }
  await addFolderAndWait(page, notes);

  const row = folderRow(page, notes);
  await expect(row.getByTestId('folder-chunks')).not.toHaveText(/^0\b/);

  // Without the note's key words ("password", "reset"). With the GloVe starter model the
  // tax note, rich in money words near "account", is the runner-up; this wording keeps a
  // clear margin (about 0.75 against 0.41).
  await search(page, 'I forgot my login and cannot get into my account');
  const top = page.getByTestId('result').first();
  await expect(top).toHaveAttribute('data-path', /password-reset\.md$/);
  // "account" appears in the note, so the snippet highlights it.
  await expect(top.locator('mark').first()).toBeVisible();
  await expect(top.getByTestId('result-score')).toHaveText(/^-?\d+\.\d{2}$/);
  await expect(page.getByTestId('search-took')).toBeVisible();

  await page.screenshot({ path: shot('search.png'), fullPage: true });

  await search(page, 'baking a loaf of bread in the oven');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /sourdough-bread\.txt$/);

  // Keyboard selection moves through the hits.
  const input = page.getByTestId('search-input');
  await input.press('ArrowDown');
  await expect(page.getByTestId('result').nth(1)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowUp');
  await expect(page.getByTestId('result').first()).toHaveAttribute('aria-selected', 'true');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('search-dark.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('adding a folder that does not exist shows the error and nothing breaks', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);
  const missing = join(root, 'no-such-folder');

  await page.getByTestId('add-folder-input').fill(missing);
  await page.getByTestId('add-folder-button').click();
  const error = page.getByTestId('add-folder-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(missing);
  await expect(folderRow(page, missing)).toHaveCount(0);

  // Editing the field clears the error; the app still searches.
  await page.getByTestId('add-folder-input').fill('');
  await expect(error).toHaveCount(0);
  await search(page, 'repotting plants in fresh soil');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /repotting-houseplants\.txt$/);
  expect(errors).toEqual([]);
});

test('a 10,000-character query shows a readable error', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);

  await search(page, 'bread '.repeat(2000).slice(0, 10_000));
  const error = page.getByTestId('search-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', 'invalid_request');
  await expect(error).toContainText(/at most \d+ characters/);
  await expect(page.getByTestId('result')).toHaveCount(0);

  await search(page, 'income tax return deadline');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /filing-taxes\.md$/);
  expect(errors).toEqual([]);
});

test('switching the language to 中文 translates the UI and is remembered', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);
  const input = page.getByTestId('search-input');
  await expect(input).toHaveAttribute('placeholder', 'Search your folders by meaning…');

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(input).toHaveAttribute('placeholder', '按含义搜索你的文件夹…');
  await expect(folderRow(page, notes).getByTestId('folder-state')).toHaveText('监视中');
  await expect(page.getByRole('heading', { name: '文件夹' })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('lang-switch')).toHaveValue('zh-CN');
  await expect(input).toHaveAttribute('placeholder', '按含义搜索你的文件夹…');

  await search(page, 'training for a long race');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /marathon-training\.md$/);
  await expect(page.getByTestId('result').first()).toContainText('行');
  await page.screenshot({ path: shot('search-zh.png'), fullPage: true });

  await page.getByTestId('lang-switch').selectOption('en');
  await expect(input).toHaveAttribute('placeholder', 'Search your folders by meaning…');
  expect(errors).toEqual([]);
});
