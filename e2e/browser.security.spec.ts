// Browser mode lets in only the browser that signed in: a browser without the session
// (another person's, or this one after the link was used) sees how to sign in, its API
// calls get 401, and the used link does not work a second time.
import { expect, test } from '@playwright/test';
import { signInPath } from './support/sign-in.js';
import { watchPageErrors } from './support/sift-page.js';

test.describe('without the session cookie', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the page says how to sign in, the API answers 401, and the used link is refused', async ({ page, baseURL }) => {
    const errors = watchPageErrors(page);
    const api = await page.request.post('/api/listFolders', { data: {}, headers: { origin: baseURL! } });
    expect(api.status()).toBe(401);
    await page.goto('/');
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await expect(page.getByTestId('signed-out')).toContainText('sift serve');
    await expect(page.getByTestId('search-input')).toHaveCount(0);

    // The link the sign-in project used: spent. The page stays signed out and drops the secret from the address.
    const used = await page.goto(signInPath());
    expect(used?.status()).toBe(401);
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await expect(page).toHaveURL(`${baseURL}/`);
    expect(await page.context().cookies()).toEqual([]);

    // In Chinese too.
    await page.evaluate(() => localStorage.setItem('sift.locale', 'zh-CN'));
    await page.reload();
    await expect(page.getByTestId('signed-out')).toContainText('登录');
    // Console errors of the refused calls are expected; no uncaught errors or CSP violations.
    expect(errors).toEqual([]);
  });
});

test('the signed-in browser uses the API and the event stream with its cookie', async ({ page }) => {
  const errors = watchPageErrors(page);
  const streams: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/events')) streams.push(response.status());
  });
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeVisible();
  await expect(page.getByTestId('signed-out')).toHaveCount(0);
  await expect.poll(() => streams).toContain(200);
  expect(errors).toEqual([]);
});
