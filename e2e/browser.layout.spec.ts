// Layout defects a new user met in the first minutes, checked as geometry (boxes that must
// not overlap) in Chromium against the real core, in English and Chinese, wide and narrow:
// the Ctrl K hint over the "?" beside the search box; the add-folder error covering the
// first-run card in the empty Search view; 'line 54,468' running into its snippet.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addFolderAndWait, search, setLanguage, shot, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} has no box`);
  return b;
}

/** Whether two boxes share any area (touching edges do not count). */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [p, q] = [await box(a), await box(b)];
  return p.x < q.x + q.width - 0.5 && q.x < p.x + p.width - 0.5 && p.y < q.y + q.height - 0.5 && q.y < p.y + p.height - 0.5;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('the Ctrl K hint stays clear of the "?" beside the search box, wide and narrow, en and zh-CN', async ({ page }) => {
  const errors = watchPageErrors(page);
  const input = page.getByTestId('search-input');
  await input.fill('');
  const hint = page.locator('.search-kbd');
  const help = page.getByTestId('search-help');
  // The language is switched wide (narrow, the rail shows only a globe button).
  for (const language of ['en', 'zh-CN'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setLanguage(page, language);
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(hint).toBeVisible();
      expect(await overlap(hint, help)).toBe(false);
      // The hint sits inside the field, the "?" outside it.
      const [field, mark] = [await box(input), await box(help)];
      expect(mark.x).toBeGreaterThanOrEqual(field.x + field.width);
      expect(await overlap(hint, input)).toBe(true);
      await page.screenshot({ path: shot(`search-box-${width}-${language}.png`), clip: { x: 0, y: 0, width, height: 120 } });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await setLanguage(page, 'en');
  // The popover still opens from the "?".
  await help.click();
  await expect(page.getByTestId('search-help-popover')).toBeVisible();
  expect(errors).toEqual([]);
});

test('in the empty Search view an add-folder error pushes the first-run card down instead of covering it', async ({ page }) => {
  const errors = watchPageErrors(page);
  // This server has folders by now (the specs share it): the page is told there are none,
  // which is what a first start shows. The add itself goes to the real core.
  await page.route('**/api/listFolders', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
  await page.goto('/');
  const view = page.locator('.view-search');
  await expect(view.getByTestId('empty-state')).toBeVisible();
  const card = view.getByTestId('first-run-model');
  await expect(card).toBeVisible();
  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    await view.getByTestId('add-folder-input').fill(join(root, 'no-such-folder'));
    await view.getByTestId('add-folder-button').click();
    const error = view.getByTestId('add-folder-error');
    await expect(error).toBeVisible();
    expect(await overlap(error, card)).toBe(false);
    expect(await overlap(error, view.getByTestId('add-folder-input'))).toBe(false);
    await page.screenshot({ path: shot(`empty-add-error-${language}.png`) });
    // Typing again clears it.
    await view.getByTestId('add-folder-input').fill('');
    await expect(error).toHaveCount(0);
  }
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

/** A folder with one 12,000-line log whose only quokka lines are near its end; indexed. */
async function longLog(page: Page): Promise<void> {
  const dir = join(root!, 'long-log');
  mkdirSync(dir, { recursive: true });
  const lines = Array.from({ length: 12_000 }, (_, i) => `entry ${i}: routine heartbeat ok`);
  lines[11_500] = 'entry 11500: the quokka migration finished with zero lost parcels';
  lines[11_520] = 'entry 11520: quokka parcels reconciled against the warehouse ledger';
  writeFileSync(join(dir, 'service.log.txt'), `${lines.join('\n')}\n`);
  await addFolderAndWait(page, dir);
}

test('a passage deep in a long file: its five-digit line number stays clear of the snippet', async ({ page }) => {
  const errors = watchPageErrors(page);
  await longLog(page);
  for (const language of ['en', 'zh-CN'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setLanguage(page, language);
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await search(page, 'quokka parcels');
      const hit = page.locator('[data-testid="result"][data-path$="service.log.txt"]');
      await expect(hit).toBeVisible();
      const passages = hit.locator('.passage');
      const count = await passages.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const label = passages.nth(i).locator('.passage-line');
        await expect(label).toContainText(/\d\d[,.]?\d\d\d/);
        const text = passages.nth(i).locator('.result-snippet');
        const [l, s] = [await box(label), await box(text)];
        // The whole label is drawn (not clipped) and ends before the snippet starts.
        expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5)).toBe(true);
        expect(l.x + l.width).toBeLessThanOrEqual(s.x + 0.5);
      }
      await hit.screenshot({ path: shot(`long-line-number-${width}-${language}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('the search box and filters keep their place and width: idle, with results and their preview, with none', async ({ page }) => {
  const errors = watchPageErrors(page);
  await longLog(page);
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await search(page, '');
    const places: Array<{ state: string; box: { x: number; width: number }; toolbar: { x: number } }> = [];
    const note = async (state: string) => {
      const [b, tb] = [await box(page.locator('.search-box')), await box(page.locator('.search-toolbar'))];
      places.push({ state, box: { x: Math.round(b.x), width: Math.round(b.width) }, toolbar: { x: Math.round(tb.x) } });
    };
    await note('idle');
    await search(page, 'quokka parcels');
    await expect(page.getByTestId('result').first()).toBeVisible();
    await expect(page.getByTestId('preview-pane')).toBeVisible();
    await note('results');
    await search(page, 'zzqxv wqzzx');
    await expect(page.getByTestId('no-results')).toBeVisible();
    await note('none');
    for (const place of places) expect({ ...place, state: '' }).toEqual({ ...places[0]!, state: '' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(errors).toEqual([]);
});
