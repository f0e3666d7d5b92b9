// Paths as people type them and quiet interactions (issue 15, parts 4 and 6), in Chromium
// against the real core, in English and Chinese: `~` expanded, a relative path refused
// with a hint, a folder added twice or inside an added one explained next to the field;
// "Use" on a model confirmed inline (no native dialog); "Copied" in the status bar for
// ~2 s instead of a toast over the results; the search box held to the core's 2,000
// characters; the Local API section in browser mode a sentence without raw backticks.
import { copyFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeFixtureNotes } from './support/fixture-notes.js';
import { addFolderAndWait, openView, search, setLanguage, shot, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
const notes = writeFixtureNotes(join(root, 'notes'));
mkdirSync(join(notes, 'inner'), { recursive: true });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Types `path` into the add-folder field and returns the message shown under it. */
async function tryAdd(page: Page, path: string) {
  const view = page.getByTestId('view-folders');
  await view.getByTestId('add-folder-input').fill(path);
  await view.getByTestId('add-folder-button').click();
  return view.getByTestId('add-folder-error');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('typed folder paths: relative refused with a hint, duplicates and nested folders explained, in en and zh-CN', async ({ page }) => {
  const errors = watchPageErrors(page);
  // The server runs as this user: its home is ours.
  const example = join(homedir(), 'notes');
  await addFolderAndWait(page, notes);
  await openView(page, 'folders');
  const rows = await page.getByTestId('folder-row').count();

  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    const zh = language === 'zh-CN';
    const relative = await tryAdd(page, 'notes');
    await expect(relative).toHaveText(zh ? `请输入完整路径，例如 ${example}` : `Type the full path, e.g. ${example}`);
    await page.screenshot({ path: shot(`folders-relative-${language}.png`) });

    const twice = await tryAdd(page, `${notes}/`);
    await expect(twice).toHaveText(
      zh ? `${notes} 已在你的文件夹列表中，Sift 会自动保持它的索引最新。` : `${notes} is already in your folders. Sift keeps it up to date by itself.`,
    );
    const inner = join(notes, 'inner');
    const inside = await tryAdd(page, inner);
    await expect(inside).toHaveText(
      zh
        ? `${inner} 位于已添加的文件夹 ${notes} 之内，其中的文件已经可以搜索。`
        : `${inner} is inside ${notes}, which is already added: its files are already searched.`,
    );
    await page.screenshot({ path: shot(`folders-duplicate-${language}.png`) });

    // The run's root holds this folder (and those other specs added): it is refused.
    const around = await tryAdd(page, root);
    const added = `${escapeRegExp(root)}/[^ ，。]+`;
    await expect(around).toHaveText(
      zh
        ? new RegExp(`^${escapeRegExp(root)} 包含已添加的文件夹 ${added}。请先移除 ${added}，再添加这个文件夹。$`)
        : new RegExp(`^${escapeRegExp(root)} contains the added folder ${added}\\. Remove ${added} first, then add this one\\.$`),
    );
    await page.screenshot({ path: shot(`folders-nested-${language}.png`) });
    // Typing again clears the message; the list is unchanged.
    await page.getByTestId('add-folder-input').fill('');
    await expect(page.getByTestId('add-folder-error')).toHaveCount(0);
    await expect(page.getByTestId('folder-row')).toHaveCount(rows);
  }
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('copied: a 2-second line in the status bar, not a toast over the results; the search box holds 2,000 characters', async ({ page }) => {
  const errors = watchPageErrors(page);
  await addFolderAndWait(page, notes);
  await search(page, 'repotting plants in fresh soil');
  await page.getByTestId('search-input').press('ControlOrMeta+c');
  const flash = page.getByTestId('status-bar').getByTestId('flash');
  await expect(flash).toHaveText('Copied repotting-houseplants.txt');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.screenshot({ path: shot('search-copied-en.png') });
  const shownAt = Date.now();
  await expect(flash).toHaveCount(0, { timeout: 4000 });
  expect(Date.now() - shownAt).toBeLessThan(3000);

  const input = page.getByTestId('search-input');
  await input.fill('x'.repeat(2500));
  expect((await input.inputValue()).length).toBe(2000);
  // The core takes what the box allows: no error under the box.
  await expect(page.getByTestId('search-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('"Use" on a model asks inline, never with a native confirm box, in en and zh-CN', async ({ page }) => {
  const errors = watchPageErrors(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const copy = join(root, 'second-starter.gguf');
  copyFileSync(join(process.cwd(), 'resources', 'models', 'sift-starter-glove-100d.gguf'), copy);
  await openView(page, 'models');
  const view = page.getByTestId('view-models');
  await view.getByTestId('models-import-path').fill(copy);
  await view.getByTestId('models-import').click();
  await expect(view.getByTestId('models-import-done')).toBeVisible();
  const row = view.locator('[data-testid="model-row"]', { has: page.getByTestId('model-activate') }).first();

  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    await row.getByTestId('model-activate').click();
    const box = row.getByTestId('model-activate-confirm-box');
    await expect(box).toBeVisible();
    await expect(box).toContainText(language === 'zh-CN' ? '进行搜索？' : 'for search?');
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`models-use-confirm-${language}.png`) });
    await row.getByTestId('model-activate-cancel').click();
    await expect(box).toHaveCount(0);
  }
  await setLanguage(page, 'en');
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test('Local API in browser mode: a sentence inside its card, no switch that saves to nothing, no backticks', async ({ page }) => {
  await openView(page, 'settings');
  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    const section = page.locator('section.settings-group', { has: page.locator('#settings-api') });
    await expect(section.getByTestId('settings-api')).toHaveCount(0);
    await expect(section.getByTestId('settings-api-port')).toHaveCount(0);
    const note = section.getByTestId('settings-api-info');
    await expect(note).toContainText('/v1/embeddings');
    await expect(note.locator('code')).toHaveText('sift serve');
    expect(await note.textContent()).not.toContain('`');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`settings-api-browser-${language}.png`) });
  }
  await setLanguage(page, 'en');
});
