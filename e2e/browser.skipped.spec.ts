// The Folders view says what happened to every file: a folder with text under odd names,
// binaries, a named pipe and links shows its indexed and skipped counts, and the skipped
// files with their reasons, in English and in Chinese; the text files are found.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addFolder, openView, search, shot, waitWatching, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');

function writeOddFolder(dir: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'README'), 'Lighthouse keeper logbook: the lamp was cleaned and the foghorn tested at dawn.\n');
  writeFileSync(join(dir, 'notes.rst'), 'Orchard notes\n=============\n\nThe cherry trees were pruned before the frost.\n');
  writeFileSync(join(dir, 'bin', 'tool.txt'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100)]));
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  symlinkSync('/etc/hostname', join(dir, 'outside-link'));
  // An RTF cut short: a failure whose detail Sift wrote, so it reads in either language.
  writeFileSync(join(dir, 'letter.rtf'), '{\\rtf1\\ansi {\\b Dear committee');
  return dir;
}

test('folders: counts per state and the skipped files with their reasons, in English and Chinese', async ({ page }) => {
  const errors = watchPageErrors(page);
  const dir = writeOddFolder(join(root, 'odd-folder'));
  await page.goto('/');
  const row = await addFolder(page, dir);
  await waitWatching(row);

  await expect(row.getByTestId('folder-indexed')).toHaveText('2 indexed');
  await expect(row.getByTestId('folder-skipped-count')).toHaveText('3 skipped');
  await row.getByTestId('folder-skipped').locator('summary').click();
  const skips = row.getByTestId('folder-skip');
  await expect(skips).toHaveCount(3);
  await expect(row.locator('[data-testid="folder-skip"][data-code="binary"]')).toContainText('bin/tool.txt');
  await expect(row.locator('[data-testid="folder-skip"][data-code="binary"]')).toContainText('binary file (ELF executable)');
  await expect(row.locator('[data-testid="folder-skip"][data-code="special-file"]')).toContainText('special file (named pipe), not read');
  await expect(row.locator('[data-testid="folder-skip"][data-code="link-outside"]')).toContainText('outside the folder');
  await row.getByTestId('folder-failures').locator('summary').click();
  const rtf = row.locator('[data-testid="folder-failure"][data-code="parse-error"]');
  await expect(rtf).toContainText('letter.rtf');
  await expect(rtf).toContainText('could not be parsed (truncated: 2 groups not closed)');
  await page.screenshot({ path: shot('folders-skipped.png') });

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(row.getByTestId('folder-skipped-count')).toHaveText('已跳过 3 个');
  await expect(row.locator('[data-testid="folder-skip"][data-code="special-file"]')).toContainText('特殊文件（命名管道），未读取');
  await expect(rtf).toContainText('无法解析（文件不完整：2 个组未关闭）');
  await page.screenshot({ path: shot('folders-skipped-zh.png') });
  await page.getByTestId('lang-switch').selectOption('en');

  await search(page, 'lighthouse foghorn');
  await expect(page.getByTestId('result').first()).toHaveAttribute('data-path', join(dir, 'README'));

  await openView(page, 'folders');
  await row.getByTestId('folder-remove').click();
  await row.getByTestId('folder-remove-confirm').click();
  await expect(row).toHaveCount(0);
  expect(errors).toEqual([]);
});
