// The preview pane in Chromium against the real core (browser transport): real files
// indexed (a long log with the hit in the middle, a GB18030 Chinese note, a PDF), then the
// keyboard only: type, move through the results (the preview follows), Enter into the
// preview (a browser cannot open files), scroll it, Escape back to the box, Tab into it,
// Ctrl+C to copy the path. Screenshots of the pane in en and zh-CN at 1280x800 and 800x600
// (narrow: the preview covers the results on demand).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { makePdf } from '../src/test-support/make-documents.js';
import { addFolderAndWait, setLanguage, shot, waitForSearch, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');

const LIGHTHOUSE = 'Day 211: the lighthouse keeper polished the brass lamp until it shone.';
const CHINESE = '灯塔笔记\n\n周末我们去了海边的灯塔。\n\n守塔人每天晚上点亮灯，给渔船指路。\n\n回来的路上下了小雨。\n';

function writePreviewFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  for (let n = 1; n <= 400; n++) lines.push(n === 211 ? LIGHTHOUSE : `Day ${n}: wind from the west, light rain, calm sea, nothing to report.`);
  writeFileSync(join(dir, 'ship-log.txt'), lines.join('\n') + '\n');
  writeFileSync(join(dir, '灯塔笔记.txt'), iconv.encode(CHINESE, 'gb18030'));
  writeFileSync(join(dir, 'harbour-report.pdf'), makePdf([['Annual harbour report', 'The harbour crane moved nine hundred containers.', 'Next year: a second crane.']]));
  return dir;
}

const folder = writePreviewFolder(join(root, 'preview-files'));

/** Types the query key by key into the focused box and waits for its results. */
async function typeQuery(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(query);
  await waitForSearch(page, query);
}

/** Arrow keys until the hit in `name` is selected; the preview (where shown) then shows that file. */
async function arrowTo(page: Page, name: string, paneShown = true): Promise<void> {
  const paths = await page.getByTestId('result').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path') ?? ''));
  const index = paths.findIndex((path) => path.endsWith(`/${name}`));
  expect(index, `${name} among ${paths.join(', ')}`).toBeGreaterThanOrEqual(0);
  const selected = await page.getByTestId('result').evaluateAll((rows) => rows.findIndex((row) => row.getAttribute('aria-selected') === 'true'));
  const key = index > selected ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(index - selected); i++) await page.keyboard.press(key);
  await expect(page.getByTestId('result').nth(index)).toHaveAttribute('aria-selected', 'true');
  if (!paneShown) return;
  await expect(page.getByTestId('preview-pane')).toHaveAttribute('data-path', join(folder, name));
  await expect(page.getByTestId('preview-pane')).toHaveAttribute('data-loading', 'false');
}

/** The passage's first marked word lies inside the pane's visible text area. */
async function passageInView(page: Page): Promise<boolean> {
  return page.getByTestId('preview-text').evaluate((body) => {
    const mark = body.querySelector('.preview-passage mark');
    if (!mark) return false;
    const box = body.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    return at.height > 0 && at.top >= box.top && at.bottom <= box.bottom && at.left >= box.left && at.right <= box.right;
  });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('keyboard only: type, arrows move the preview, Enter into it, scroll, Escape back, Tab in, Ctrl+C copies', async ({ page, context }) => {
  const errors = watchPageErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await addFolderAndWait(page, folder);
  await page.getByTestId('search-input').focus();

  await typeQuery(page, 'lighthouse keeper brass lamp');
  await arrowTo(page, 'ship-log.txt');
  const pane = page.getByTestId('preview-pane');
  await expect(pane).toHaveAttribute('data-state', 'ok');
  // The hit's passage, tinted, its words marked, scrolled into the pane's view.
  await expect(page.getByTestId('preview-passage')).toContainText(LIGHTHOUSE);
  await expect(page.getByTestId('preview-passage').locator('mark')).toHaveText(['lighthouse', 'keeper', 'brass', 'lamp']);
  await expect.poll(() => passageInView(page)).toBe(true);
  await expect(page.getByTestId('preview-lines')).toHaveText(/^Lines \d+–\d+ of 401$/);
  // A browser cannot open files: it says so, offers no open button, and documents the keys.
  await expect(page.getByTestId('preview-browser-note')).toBeVisible();
  await expect(page.getByTestId('preview-open')).toHaveCount(0);
  await expect(page.getByTestId('search-keys')).toHaveText('↑ ↓ select · Enter or Tab preview · Ctrl+C copy path');
  await page.screenshot({ path: shot('preview-en-1280.png') });

  // The preview follows the selection.
  const count = await page.getByTestId('result').count();
  if (count > 1) {
    const selected = await page.getByTestId('result').evaluateAll((rows) => rows.findIndex((row) => row.getAttribute('aria-selected') === 'true'));
    await page.keyboard.press(selected === 0 ? 'ArrowDown' : 'ArrowUp');
    await expect(pane).not.toHaveAttribute('data-path', join(folder, 'ship-log.txt'));
    await arrowTo(page, 'ship-log.txt');
  }

  // Enter goes into the preview; the keyboard scrolls it; Escape comes back to the box.
  await page.keyboard.press('Enter');
  const body = page.getByTestId('preview-text');
  await expect(body).toBeFocused();
  const before = await body.evaluate((el) => el.scrollTop);
  await page.keyboard.press('PageDown');
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toBeFocused();
  // Tab goes from the box straight into the preview.
  await page.keyboard.press('Tab');
  await expect(body).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toBeFocused();

  // Ctrl/Cmd+C with no query text selected copies the selected hit's path.
  await page.keyboard.press('ControlOrMeta+c');
  await expect(page.getByTestId('flash')).toContainText('ship-log.txt');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(join(folder, 'ship-log.txt'));

  // A PDF through its extracted text.
  await typeQuery(page, 'harbour crane containers');
  await arrowTo(page, 'harbour-report.pdf');
  await expect(page.getByTestId('preview-passage')).toContainText('The harbour crane moved nine hundred containers.');
  await expect.poll(() => passageInView(page)).toBe(true);
  expect(errors).toEqual([]);
});

test('the pane in zh-CN, and at 800x600 over the results on demand, in both languages', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, folder);
  await page.getByTestId('search-input').focus();
  try {
    await setLanguage(page, 'zh-CN');
    await page.getByTestId('search-input').focus();
    await typeQuery(page, '灯塔 守塔人');
    await arrowTo(page, '灯塔笔记.txt');
    // The GB18030 note reads as Chinese, its words marked.
    await expect(page.getByTestId('preview-passage')).toContainText('守塔人每天晚上点亮灯');
    await expect(page.getByTestId('preview-text').locator('mark').first()).toHaveText(/灯塔|守塔/);
    await expect(page.getByTestId('preview-browser-note')).toHaveText('打开文件需要使用桌面应用；在这里可以复制路径。');
    await expect(page.getByTestId('search-keys')).toHaveText('↑ ↓ 选择 · Enter 或 Tab 预览 · Ctrl+C 复制路径');
    await page.screenshot({ path: shot('preview-zh-CN-1280.png') });

    // Narrow: the results alone, a Preview button; Enter covers them with the preview.
    await page.setViewportSize({ width: 800, height: 600 });
    await expect(page.getByTestId('preview-pane')).toHaveCount(0);
    await expect(page.getByTestId('preview-show')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('preview-text')).toBeFocused();
    await expect(page.getByTestId('search-body')).toBeHidden();
    await expect(page.getByTestId('preview-back')).toBeVisible();
    await expect(page.getByTestId('preview-pane')).toHaveAttribute('data-loading', 'false');
    await expect.poll(() => passageInView(page)).toBe(true);
    await page.screenshot({ path: shot('preview-zh-CN-800.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await expect(page.getByTestId('preview-pane')).toHaveCount(0);
    await expect(page.getByTestId('search-body')).toBeVisible();
    // A double-click does what Enter does in a browser: the preview (opening needs the app).
    await page.getByTestId('result').first().dblclick();
    await expect(page.getByTestId('preview-text')).toBeFocused();
    await expect(page.getByTestId('search-body')).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-body')).toBeVisible();

    // (The language switch is a bare icon in a narrow window: switched at full width.)
    await page.setViewportSize({ width: 1280, height: 800 });
    await setLanguage(page, 'en');
    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByTestId('search-input').focus();
    await typeQuery(page, 'lighthouse keeper brass lamp');
    await arrowTo(page, 'ship-log.txt', false);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByTestId('preview-text')).toBeFocused();
    await expect(page.getByTestId('preview-pane')).toHaveAttribute('data-path', join(folder, 'ship-log.txt'));
    await expect(page.getByTestId('preview-pane')).toHaveAttribute('data-loading', 'false');
    await expect(page.getByTestId('preview-passage')).toContainText(LIGHTHOUSE);
    await expect.poll(() => passageInView(page)).toBe(true);
    await page.screenshot({ path: shot('preview-en-800.png') });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setLanguage(page, 'en');
  }
  expect(errors).toEqual([]);
});
