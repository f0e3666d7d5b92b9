// Page helpers for the browser spec: locate things by data-testid, never by wording, so
// the same helpers work in either language.
import { expect, type Locator, type Page } from '@playwright/test';

export function folderRow(page: Page, path: string): Locator {
  return page.locator(`[data-testid="folder-row"][data-path="${path.replace(/"/g, '\\"')}"]`);
}

/** Adds `path` through the path field and waits until it is indexed and watched. */
export async function addFolderAndWait(page: Page, path: string, timeout = 90_000): Promise<void> {
  const row = folderRow(page, path);
  if ((await row.count()) === 0) {
    await page.getByTestId('add-folder-input').fill(path);
    await page.getByTestId('add-folder-button').click();
    await expect(row).toBeVisible();
  }
  await expect(row.getByTestId('folder-state')).toHaveAttribute('data-state', 'watching', { timeout });
  await expect(row.getByTestId('folder-progress')).toHaveCount(0);
}

/** Types a query and waits for the results (or error) of exactly that query. */
export async function search(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(query);
  // The debounced request for exactly this query has come back.
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
