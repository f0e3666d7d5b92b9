// The real UI in Chromium against the real core: relevance in the result list. Hits under
// the cut-off fold behind "Show N weaker matches"; a query with no hit above it says "No
// good match for …" and still offers the weak ones; the "?" beside the search box explains
// the query syntax. In English and Chinese, with screenshots (test-results/).
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeFixtureNotes } from './support/fixture-notes.js';
import { addFolderAndWait, search, shot, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
const notes = writeFixtureNotes(join(root, 'notes'));

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

for (const language of ['en', 'zh-CN'] as const) {
  test(`weak matches fold, an unrelated query has no good match, the syntax help opens (${language})`, async ({ page }) => {
    const errors = watchPageErrors(page);
    const zh = language === 'zh-CN';
    await addFolderAndWait(page, notes);
    await page.getByTestId('lang-switch').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    try {
      const results = page.getByTestId('result');
      const weaker = page.getByTestId('search-weaker');

      // A good query: its answer is shown with a readable level, the rest fold.
      await search(page, 'I forgot my password and cannot sign in to my account');
      await expect(page.getByTestId('no-good-match')).toHaveCount(0);
      await expect(results.first()).toHaveAttribute('data-path', /password-reset\.md$/);
      await expect(results.first().getByTestId('result-score')).toHaveAttribute('data-level', /^(strong|good)$/);
      await expect(results.first().getByTestId('result-score')).toContainText(zh ? /很相关|相关/ : /Strong|Good/);
      const shown = await results.count();
      for (let i = 0; i < shown; i++) await expect(results.nth(i).getByTestId('result-score')).not.toHaveAttribute('data-level', 'weak');
      await expect(weaker).toBeVisible();
      // Centred under the list, like "More results" (base.css's .button once won over it).
      const [list, button] = [await page.locator('#search-results').boundingBox(), await weaker.boundingBox()];
      expect(Math.abs(list!.x + list!.width / 2 - (button!.x + button!.width / 2))).toBeLessThan(2);
      const folded = Number((await weaker.textContent())?.match(/\d+/)?.[0]);
      expect(folded).toBeGreaterThan(0);
      await expect(weaker).toContainText(zh ? `显示 ${folded} 个较弱的匹配` : `Show ${folded} weaker match`);
      await page.screenshot({ path: shot(`relevance-good-${language}.png`) });
      await weaker.click();
      await expect(results).toHaveCount(shown + folded);
      await expect(page.getByTestId('weaker-heading')).toBeVisible();
      await expect(results.nth(shown).getByTestId('result-score')).toHaveAttribute('data-level', 'weak');
      await expect(weaker).toContainText(zh ? '隐藏较弱的匹配' : 'Hide weaker matches');
      await page.screenshot({ path: shot(`relevance-unfolded-${language}.png`) });

      // An unrelated query: no good match, said plainly, and the weak hits on request.
      const unrelated = 'quantum chromodynamics lattice';
      await search(page, unrelated);
      await expect(page.getByTestId('no-good-match')).toContainText(zh ? `没有与“${unrelated}”契合的结果` : `No good match for “${unrelated}”`);
      await expect(results).toHaveCount(0);
      await expect(weaker).toBeVisible();
      await page.screenshot({ path: shot(`relevance-no-good-match-${language}.png`) });
      await weaker.click();
      await expect(results.first()).toBeVisible();
      const all = await results.count();
      for (let i = 0; i < all; i++) await expect(results.nth(i).getByTestId('result-score')).toHaveAttribute('data-level', 'weak');
      await expect(page.getByTestId('no-good-match')).toBeVisible();

      // The syntax help: opens on "?", explains quotes, + and -, closes on Escape.
      await page.getByTestId('search-help').click();
      const help = page.getByTestId('search-help-popover');
      await expect(help).toBeVisible();
      await expect(help).toContainText(zh ? '必须包含该词' : 'must contain the word');
      await page.screenshot({ path: shot(`search-syntax-help-${language}.png`) });
      await page.keyboard.press('Escape');
      await expect(help).toHaveCount(0);

      // The syntax works from the box: a phrase in the wrong order finds nothing.
      await search(page, '"password forgot"');
      await expect(page.getByTestId('no-results')).toBeVisible();
      await search(page, '"forgot your password"');
      await expect(results.first()).toHaveAttribute('data-path', /password-reset\.md$/);
    } finally {
      await page.getByTestId('lang-switch').selectOption('en');
    }
    expect(errors).toEqual([]);
  });
}
