// Signs one browser in through the one-time link, as a person opening what `sift serve`
// printed would, checks what the link leaves behind, and saves the session for the specs.
import { expect, test } from '@playwright/test';
import { signedInStatePath, signInPath } from './support/sign-in.js';

test('the printed one-time link signs the browser in with an HttpOnly, SameSite=Strict cookie', async ({ page, context, baseURL }) => {
  await page.goto(signInPath());
  // Redirected to the app without the secret in the address (or the history).
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByTestId('search-input')).toBeVisible();
  await expect(page.getByTestId('signed-out')).toHaveCount(0);
  const cookies = await context.cookies();
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(cookies[0]!.name).toMatch(/^sift-session-\d+$/);
  // Script in the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await context.storageState({ path: signedInStatePath() });
});
