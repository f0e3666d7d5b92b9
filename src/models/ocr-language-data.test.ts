// OCR language data through the model downloader, against a loopback file host serving
// Debian's real traineddata files (tesseract-ocr-eng / -chi-sim) as the "downloaded" ones:
// the catalog's sizes and checksums, a first download, a cut connection resumed, one
// download for concurrent needs, a host that has no such file, and a proxy.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { startFileHost, startProxy, type FileHost } from '../test-support/model-server.js';
import { debianTessdataDir } from '../test-support/ocr-data.js';
import type { DownloadState } from '../api/models-contract.js';
import { OCR_LANGUAGE_CATALOG, OcrLanguageData, ocrLanguageSources, traineddataHeaderProblem } from './ocr-language-data.js';

let host: FileHost;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const debian: Record<string, Buffer> = {};
let n = 0;
const quiet = { retryDelayMs: 5, reserveBytes: 0 };

beforeAll(async () => {
  temp = await makeTempDir('sift-ocr-data-');
  host = await startFileHost();
  for (const language of ['eng', 'chi_sim']) {
    debian[language] = await readFile(join(debianTessdataDir(), `${language}.traineddata`));
    host.serve(`${language}.traineddata`, debian[language]);
  }
});

afterAll(async () => {
  await host.close();
  await temp.remove();
});

afterEach(() => {
  host.cutNext(0, 0);
  host.requests.length = 0;
});

const manager = (options: { mirror?: string; env?: NodeJS.ProcessEnv; onDownload?: (state: DownloadState) => void } = {}) =>
  new OcrLanguageData({ dir: join(temp.path, `data-${++n}`), mirror: `${host.url}/cdn`, env: {}, downloadOptions: quiet, ...options });

describe('OCR language data catalog', () => {
  it.each(['eng', 'chi_sim'] as const)('%s: size and SHA-256 are those of the tessdata_fast file Debian ships', (language) => {
    const entry = OCR_LANGUAGE_CATALOG[language];
    expect(entry.bytes).toBe(debian[language]!.length);
    expect(entry.sha256).toBe(createHash('sha256').update(debian[language]!).digest('hex'));
  });

  it('fetches from jsDelivr, then GitHub, at the pinned tessdata_fast 4.1.0 commit; a mirror replaces both', () => {
    expect(ocrLanguageSources(OCR_LANGUAGE_CATALOG.chi_sim)).toEqual([
      'https://cdn.jsdelivr.net/gh/tesseract-ocr/tessdata_fast@87416418657359cb625c412a48b6e1d6d41c29bd/chi_sim.traineddata',
      'https://raw.githubusercontent.com/tesseract-ocr/tessdata_fast/87416418657359cb625c412a48b6e1d6d41c29bd/chi_sim.traineddata',
    ]);
    expect(ocrLanguageSources(OCR_LANGUAGE_CATALOG.eng, 'https://mirror.example/tessdata/')).toEqual(['https://mirror.example/tessdata/eng.traineddata']);
  });

  it('tells traineddata from an error page by its header', () => {
    expect(traineddataHeaderProblem(debian.eng!.subarray(0, 1024), debian.eng!.length)).toBeUndefined();
    expect(traineddataHeaderProblem(debian.chi_sim!.subarray(0, 1024), debian.chi_sim!.length)).toBeUndefined();
    const page = Buffer.from('<!doctype html><html><body>rate limited</body></html>'.padEnd(1024, ' '));
    expect(traineddataHeaderProblem(page, 4_113_088)).toMatch(/is not Tesseract language data/);
  });
});

describe('OcrLanguageData', () => {
  it('downloads what is missing on first need, verified, with progress, and only once', async () => {
    const states: DownloadState[] = [];
    const data = manager({ onDownload: (state) => states.push(state) });
    expect(data.installed('eng')).toBe(false);
    const [dir, again] = await Promise.all([data.ensure(['eng', 'chi_sim']), data.ensure(['eng'])]);
    expect(dir).toBe(data.dir);
    expect(again).toBe(data.dir);
    expect((await readFile(data.pathOf('eng'))).equals(debian.eng!)).toBe(true);
    expect((await readFile(data.pathOf('chi_sim'))).equals(debian.chi_sim!)).toBe(true);
    expect(host.requests.filter((request) => request.url === '/cdn/eng.traineddata')).toHaveLength(1);
    expect(states.filter((state) => state.phase === 'done').map((state) => state.id).sort()).toEqual(['ocr-chi_sim', 'ocr-eng']);
    // Present now: nothing is fetched again.
    await data.ensure(['eng', 'chi_sim']);
    expect(host.requests.length).toBe(2);
  });

  it('resumes after the connection is cut mid-file', async () => {
    host.cutNext(1, 1_000_000);
    const data = manager();
    await data.ensure(['eng']);
    expect((await readFile(data.pathOf('eng'))).equals(debian.eng!)).toBe(true);
    const [first, second] = host.requests.map((request) => request.range);
    expect(first).toBeUndefined();
    // The second request asks for the rest: what arrived before the cut was kept.
    const from = Number(/^bytes=(\d+)-$/.exec(second ?? '')?.[1]);
    expect(from).toBeGreaterThan(500_000);
    expect(host.requests).toHaveLength(2);
  });

  it('goes through an HTTP proxy from HTTP_PROXY', async () => {
    const proxy = await startProxy();
    try {
      const data = manager({ env: { HTTP_PROXY: proxy.url } });
      await data.ensure(['chi_sim']);
      expect(proxy.log).toEqual([`GET ${host.url}/cdn/chi_sim.traineddata`]);
      expect(data.installed('chi_sim')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('says which language could not be fetched, and keeps nothing, when the host lacks the file', async () => {
    const data = manager({ mirror: `${host.url}/nothing-here` });
    const error = await data.ensure(['chi_sim']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).message).toMatch(
      /^The OCR language data for Simplified Chinese \(chi_sim\.traineddata, 2\.5 MB\) could not be downloaded: chi_sim\.traineddata was not found at/,
    );
    expect(data.installed('chi_sim')).toBe(false);
    // Needs right after get the same answer at once, without asking the host again.
    const asked = host.requests.length;
    await expect(data.ensure(['chi_sim'])).rejects.toBe(error);
    expect(host.requests.length).toBe(asked);
  });
});
