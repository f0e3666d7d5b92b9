// The model runtime in Chromium against the real core: the Settings rows for the reranker,
// when it reranks, the GPU memory Sift may use and idle unload (saved by the core, kept after
// a reload, a bad value refused in words), and the Models view's memory line (the estimate
// from the file, the figure measured once the model ran) and its reranker section, with a
// tiny generated Qwen3 reranker GGUF imported and used. Screenshots in en and zh-CN.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeTinyReranker } from '../src/test-support/tiny-reranker.js';
import { writeFixtureNotes } from './support/fixture-notes.js';
import { addFolderAndWait, openView, search, setLanguage, shot, watchPageErrors } from './support/sift-page.js';

const root = process.env.SIFT_E2E_ROOT;
if (!root) throw new Error('SIFT_E2E_ROOT is not set: run through playwright.config.ts.');
const notes = writeFixtureNotes(join(root, 'runtime-notes'));
const rerankerPath = join(root, 'tiny-qwen3-reranker.gguf');
writeTinyReranker(rerankerPath);

/** The whole view in one picture (a tall window), without the notices over it. */
async function tallShot(page: Page, name: string): Promise<void> {
  const notices = page.getByTestId('notice');
  while ((await notices.count()) > 0) await notices.first().getByRole('button').click();
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 1700 });
  await page.screenshot({ path: shot(name) });
  await page.setViewportSize(size);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
});

test('Models: memory estimate before use and the measured figure after; a reranker imported and used', async ({ page }) => {
  const errors = watchPageErrors(page);
  // A search has run the starter model, so it has a measured figure.
  await addFolderAndWait(page, notes);
  await search(page, 'reset my password');
  await openView(page, 'models');
  const view = page.getByTestId('view-models');
  await expect(view.getByTestId('reranker-card')).toContainText('No reranker chosen');

  await view.getByTestId('models-import-path').fill(rerankerPath);
  await view.getByTestId('models-import').click();
  await expect(view.getByTestId('models-import-done')).toBeVisible();
  const reranker = view.locator('[data-testid="model-row"]', { hasText: 'Sift tiny Qwen3 reranker' });
  await expect(reranker.getByTestId('model-memory-estimate')).toContainText(/≈ .+ memory \(estimate\)/);
  await expect(reranker.getByTestId('model-memory-measured')).toHaveCount(0);
  await reranker.getByTestId('model-reranker-use').click();
  await expect(reranker.getByTestId('model-reranking')).toBeVisible();
  await expect(view.getByTestId('reranker-card')).toContainText('Sift tiny Qwen3 reranker');
  // A reranker gives scores, not vectors: no dimension on its row.
  await expect(reranker).not.toContainText('dims');

  const starter = view.locator('[data-testid="model-row"][data-status="bundled"]');
  await expect(starter.getByTestId('model-memory-estimate')).toContainText(/MB memory \(estimate\)/);
  await expect(starter.getByTestId('model-memory-measured')).toContainText(/RAM measured/);

  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    await expect(starter.getByTestId('model-memory-estimate')).toContainText(language === 'zh-CN' ? '（估算）' : '(estimate)');
    await tallShot(page, `models-memory-reranker-${language}.png`);
  }
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('Settings: reranker, when to rerank, GPU memory and idle unload are saved, kept, and refused in words', async ({ page }) => {
  const errors = watchPageErrors(page);
  await openView(page, 'settings');
  const view = page.getByTestId('view-settings');

  // The reranker chosen in the Models view is the one selected here.
  await expect(view.getByTestId('settings-reranker')).toHaveValue(rerankerPath);
  await view.getByTestId('settings-rerank-mode').locator('[data-value="on"]').click();
  await expect(view.getByTestId('settings-rerank-mode')).toHaveAttribute('data-value', 'on');

  const memory = view.getByTestId('settings-gpu-memory');
  await expect(memory).toHaveValue('');
  await expect(memory).toHaveAttribute('placeholder', 'Automatic');
  await memory.fill('0.1');
  await memory.press('Enter');
  await expect(view.getByTestId('setting-error')).toContainText(/Enter 0\.3 to 1,024 GB, or leave it empty for Automatic\./);
  await memory.fill('3.5');
  await memory.press('Enter');
  await expect(view.getByTestId('setting-saved').first()).toBeVisible();
  await view.getByTestId('settings-idle-unload').selectOption('never');
  await view.getByTestId('settings-idle-unload').selectOption('5');

  // Saved by the core: a reload shows them again.
  await page.reload();
  await openView(page, 'settings');
  await expect(view.getByTestId('settings-rerank-mode')).toHaveAttribute('data-value', 'on');
  await expect(view.getByTestId('settings-gpu-memory')).toHaveValue('3.5');
  await expect(view.getByTestId('settings-idle-unload')).toHaveValue('5');

  // A search reranks with it now, and the row says so.
  await search(page, 'reset my password');
  await openView(page, 'settings');
  await expect(view.getByTestId('settings-reranker-state')).toContainText('Searches rerank now (CPU).');

  for (const language of ['en', 'zh-CN'] as const) {
    await setLanguage(page, language);
    await view.getByTestId('settings-reranker').scrollIntoViewIfNeeded();
    await tallShot(page, `settings-runtime-${language}.png`);
  }
  await setLanguage(page, 'en');

  // Back to the defaults, so the other specs' searches do not rerank on this CPU.
  await view.getByTestId('settings-gpu-memory').fill('');
  await view.getByTestId('settings-gpu-memory').press('Enter');
  await view.getByTestId('settings-rerank-mode').locator('[data-value="auto"]').click();
  await view.getByTestId('settings-reranker').selectOption('');
  await view.getByTestId('settings-idle-unload').selectOption('10');
  await expect(view.getByTestId('settings-gpu-memory')).toHaveValue('');
  expect(errors).toEqual([]);
});
