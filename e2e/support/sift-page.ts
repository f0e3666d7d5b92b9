// Page helpers for the browser spec: locate things by data-testid, never by wording, so
// the same helpers work in either language.
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Where a screenshot goes: test-results/ (the project's output folder). */
export function shot(name: string): string {
  return join(test.info().project.outputDir, name);
}

export type ViewName = 'search' | 'folders' | 'models' | 'bench' | 'settings';

/** Opens a view through the navigation rail. */
export async function openView(page: Page, view: ViewName): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
}

/** Switches the window's language and waits until the page says it is in it. */
export async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('lang-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export function folderRow(page: Page, path: string): Locator {
  return page.getByTestId('view-folders').locator(`[data-testid="folder-row"][data-path="${path.replace(/"/g, '\\"')}"]`);
}

/** Adds `path` in the Folders view (unless it is there) and waits for indexing to start. */
export async function addFolder(page: Page, path: string): Promise<Locator> {
  await openView(page, 'folders');
  const row = folderRow(page, path);
  if ((await row.count()) === 0) {
    const view = page.getByTestId('view-folders');
    await view.getByTestId('add-folder-input').fill(path);
    await view.getByTestId('add-folder-button').click();
    await expect(row).toBeVisible();
  }
  return row;
}

/** Adds `path` and waits until it is indexed and watched; ends on the Search view. */
export async function addFolderAndWait(page: Page, path: string, timeout = 90_000): Promise<void> {
  const row = await addFolder(page, path);
  await waitWatching(row, timeout);
  await openView(page, 'search');
}

export async function waitWatching(row: Locator, timeout = 90_000): Promise<void> {
  await expect(row.getByTestId('folder-state')).toHaveAttribute('data-state', 'watching', { timeout });
  await expect(row.getByTestId('folder-progress')).toHaveCount(0);
}

/** Types a query and waits for the results (or error) of exactly that query. */
export async function search(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  if (!(await input.isVisible())) await openView(page, 'search');
  await input.fill(query);
  await waitForSearch(page, query);
}

/** Waits until the results on screen answer `query` with the current mode and filters. */
export async function waitForSearch(page: Page, query: string): Promise<void> {
  const body = page.getByTestId('search-body');
  await expect(body).toHaveAttribute('data-query', query);
  await expect(body).toHaveAttribute('data-loading', 'false');
}

/** Collects uncaught page errors and CSP violations; a test ends by asserting there
 *  were none. (Failed API calls also log a console error; those are expected.) */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}
