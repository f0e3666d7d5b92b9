// An image met while OCR's language data cannot be downloaded: the read fails as
// 'ocr-unavailable' and names the file that could not be fetched, so the Folders view can
// say so in a few words in the reader's language (issue-text.ts), the long English reason
// kept for its tooltip. Real parts: the OCR reader, the language-data downloader against a
// loopback host that lacks the file, a real screenshot.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OcrLanguageData } from '../../models/ocr-language-data.js';
import { makeTempDir } from '../../test-support/fixture-folder.js';
import { startFileHost, type FileHost } from '../../test-support/model-server.js';
import { OcrPool } from './ocr-pool.js';
import { OcrReader } from './ocr-reader.js';

let host: FileHost;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const pool = new OcrPool();

beforeAll(async () => {
  host = await startFileHost();
  temp = await makeTempDir('sift-ocr-unavailable-');
});

afterAll(async () => {
  await pool.close();
  await host.close();
  await temp.remove();
});

it('an image read while the language data cannot be fetched fails as ocr-unavailable, naming the file', async () => {
  const data = new OcrLanguageData({
    dir: join(temp.path, 'tessdata'),
    mirror: `${host.url}/nothing-here`,
    env: {},
    downloadOptions: { retryDelayMs: 5, reserveBytes: 0 },
  });
  const reader = new OcrReader({ choice: () => ({ enabled: true, languages: ['eng'] }), languageData: (languages) => data.ensure(languages), pool });
  const image = join(import.meta.dirname, '..', '..', 'test-support', 'ocr-fixtures', 'screenshot-en.png');
  const { extracted } = await reader.read(image);
  expect(extracted.ok).toBe(false);
  if (extracted.ok) return;
  expect(extracted.issue.code).toBe('ocr-unavailable');
  expect(extracted.issue.params).toMatchObject({ file: 'eng.traineddata' });
  // The whole reason stays for the CLI, the log and the tooltip.
  expect(String(extracted.issue.params?.detail)).toMatch(/could not be downloaded/);
});
