// Real OCR inputs for tests: the fixture images and scans (made by
// scripts/make-ocr-fixtures.mjs with Chromium, img2pdf and pdftoppm), and Tesseract's
// language data as Debian ships it (tesseract-ocr-eng, tesseract-ocr-chi-sim; installed
// by scripts/setup.sh), byte for byte the tessdata_fast files Sift's catalog downloads.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export const OCR_FIXTURES = join(packageRoot(), 'src', 'test-support', 'ocr-fixtures');

export function ocrFixture(name: string): Promise<Buffer> {
  return readFile(join(OCR_FIXTURES, name));
}

/** The folder holding Debian's eng.traineddata and chi_sim.traineddata. */
export function debianTessdataDir(): string {
  const root = '/usr/share/tesseract-ocr';
  const versions = existsSync(root) ? readdirSync(root) : [];
  for (const version of versions.sort().reverse()) {
    const dir = join(root, version, 'tessdata');
    if (existsSync(join(dir, 'eng.traineddata')) && existsSync(join(dir, 'chi_sim.traineddata'))) return dir;
  }
  throw new Error(
    'Tesseract language data not found under /usr/share/tesseract-ocr: run scripts/setup.sh ' +
      '(apt-get install tesseract-ocr-eng tesseract-ocr-chi-sim).',
  );
}

/** A PNG that claims a size in its header and holds no pixels: what a decompression bomb
 *  looks like to a header reader. */
export function pngHeader(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head, 0);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  head[24] = 8; // bit depth
  head[25] = 2; // RGB
  return head;
}
