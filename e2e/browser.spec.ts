// The real UI in Chromium against the real core (`sift serve`, started by the config):
// the Search view. Tests share one server and one index; each makes sure the notes
// folder is indexed. Screenshots go to test-results/ (see shot()).
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeFixtureNotes } from './support/fixture-notes.js';
import { addFolderAndWait, folderRow, openView, search, shot, waitWatching, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
const notes = writeFixtureNotes(join(root, 'notes'));

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('a fresh start says what to do; a folder added there is found by a paraphrase', async ({ page }) => {
  const errors = watchPageErrors(page);
  const searchView = page.locator('.view-search');
  // Once the folder list has loaded: the fresh start's path field, or the folder count.
  const folderCount = page.getByTestId('nav-folders').locator('.count');
  await expect(searchView.getByTestId('add-folder-input').or(folderCount)).toBeVisible();
  if ((await folderCount.count()) === 0) {
    // A fresh index says what to do first, with the path field right there.
    await expect(searchView.getByTestId('empty-state')).toBeVisible();
    // First run: the model that suits this computer, and the starter model meanwhile.
    await expect(searchView.getByTestId('first-run-model')).toContainText(/Recommended for this computer: .+starter model/s);
    await page.screenshot({ path: shot('empty.png') });
    await searchView.getByTestId('add-folder-input').fill(notes);
    await searchView.getByTestId('add-folder-button').click();
    await openView(page, 'folders');
    await waitWatching(folderRow(page, notes));
    await openView(page, 'search');
  } else {
    await addFolderAndWait(page, notes);
  }

  // Without the note's key words ("password", "reset"). With the GloVe starter model the
  // tax note, rich in money words near "account", is the runner-up; this wording keeps a
  // clear margin.
  await search(page, 'I forgot my login and cannot get into my account');
  const top = page.getByTestId('result').first();
  await expect(top).toHaveAttribute('data-path', /password-reset\.md$/);
  // "account" appears in the note, so the snippet highlights it.
  await expect(top.locator('mark').first()).toBeVisible();
  // Relevance as a level a person reads (src/api/relevance.ts), not a bare number.
  await expect(top.getByTestId('result-score')).toHaveAttribute('data-level', /^(strong|good)$/);
  await expect(page.getByTestId('search-took')).toBeVisible();
  // The selected hit offers its action (a browser can copy the path, not open the file).
  await expect(top.getByTestId('result-copy')).toBeVisible();
  await page.screenshot({ path: shot('search.png') });

  await search(page, 'baking a loaf of bread in the oven');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /sourdough-bread\.txt$/);

  // Keyboard selection moves through the hits.
  const input = page.getByTestId('search-input');
  await input.press('ArrowDown');
  await expect(page.getByTestId('result').nth(1)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowUp');
  await expect(page.getByTestId('result').first()).toHaveAttribute('aria-selected', 'true');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: shot('search-dark.png') });
  expect(errors).toEqual([]);
});

test('modes, filters, several passages of one file, and Ctrl+C copies the path', async ({ page, context }) => {
  const errors = watchPageErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await addFolderAndWait(page, notes);
  const body = page.getByTestId('search-body');
  const paths = () => page.getByTestId('result').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path') ?? ''));

  // Keywords: the exact word, ranked by BM25.
  await search(page, 'sourdough');
  await page.getByTestId('search-mode').locator('[data-value="keyword"]').click();
  await expect(body).toHaveAttribute('data-mode', 'keyword');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /sourdough-bread\.txt$/);
  // Meaning only: a paraphrase without the word still finds it.
  await page.getByTestId('search-mode').locator('[data-value="vector"]').click();
  await search(page, 'fresh loaf from a hot oven');
  await expect(body).toHaveAttribute('data-mode', 'vector');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /sourdough-bread\.txt$/);

  // A long note answers with up to three passages, each with its line.
  await page.getByTestId('search-mode').locator('[data-value="hybrid"]').click();
  await search(page, 'bicycle chain brakes and tyres');
  await expect(body).toHaveAttribute('data-mode', 'hybrid');
  const bike = page.getByTestId('result').first();
  await expect(bike).toHaveAttribute('data-path', /bicycle-maintenance\.md$/);
  await expect(bike.getByTestId('result-passage').first()).toBeVisible();
  expect(await bike.getByTestId('result-passage').count()).toBeLessThanOrEqual(2);
  await page.screenshot({ path: shot('search-passages.png') });

  // File type: Markdown only.
  await search(page, 'password account tax bread');
  await page.getByTestId('filter-type').selectOption('markdown');
  await expect(body).toHaveAttribute('data-filters', /\|md,markdown,mdx\|/);
  for (const path of await paths()) expect(path).toMatch(/\.md$/);
  expect((await paths()).length).toBeGreaterThan(0);
  // Modified in the past day: the notes were just written, so they all stay.
  await page.getByTestId('filter-date').selectOption('day');
  await expect(body).toHaveAttribute('data-filters', /\|86400000$/);
  expect((await paths()).length).toBeGreaterThan(0);
  // Folder: the notes folder.
  await page.getByTestId('filter-folder').selectOption(notes);
  await expect(body).toHaveAttribute('data-filters', new RegExp(`^${notes.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\|`));
  for (const path of await paths()) expect(path.startsWith(notes)).toBe(true);
  await page.screenshot({ path: shot('search-filters.png') });
  await page.getByTestId('filter-clear').click();
  await expect(body).toHaveAttribute('data-filters', '||0');

  // Ctrl/Cmd+C in the box (no query text selected) copies the selected hit's path; a
  // browser cannot open files, so Enter opens the preview (browser.preview.spec.ts).
  await search(page, 'repotting plants in fresh soil');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /repotting-houseplants\.txt$/);
  await page.getByTestId('search-input').press('ControlOrMeta+c');
  await expect(page.getByTestId('flash')).toContainText('repotting-houseplants.txt');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(join(notes, 'repotting-houseplants.txt'));
  expect(errors).toEqual([]);
});

test('adding a folder that does not exist shows the error and nothing breaks', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);
  const missing = join(root, 'no-such-folder');

  await openView(page, 'folders');
  const view = page.getByTestId('view-folders');
  await view.getByTestId('add-folder-input').fill(missing);
  await view.getByTestId('add-folder-button').click();
  const error = view.getByTestId('add-folder-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(missing);
  await expect(folderRow(page, missing)).toHaveCount(0);

  // Editing the field clears the error; the app still searches.
  await view.getByTestId('add-folder-input').fill('');
  await expect(error).toHaveCount(0);
  await search(page, 'repotting plants in fresh soil');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /repotting-houseplants\.txt$/);
  expect(errors).toEqual([]);
});

test('a 10,000-character paste is held to the core\'s 2,000 characters and searched, no error', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);

  // The box and the core agree on the limit (src/api/limits.ts): a longer paste is cut
  // where the core would refuse it, instead of ending in an error. The core's own refusal
  // of longer queries is tested at the API (dispatch, http-server, the CLI).
  const input = page.getByTestId('search-input');
  await input.fill('bread '.repeat(2000).slice(0, 10_000));
  expect((await input.inputValue()).length).toBe(2000);
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', /sourdough-bread\.txt$/, { timeout: 30_000 });
  await expect(page.getByTestId('search-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Ctrl+K focuses the search from any view; Ctrl+2 opens Folders', async ({ page }) => {
  await addFolderAndWait(page, notes);
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('view-folders')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await expect(page).toHaveURL(/#\/search$/);
});
