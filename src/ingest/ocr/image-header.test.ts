import { describe, expect, it } from 'vitest';
import { ocrFixture, pngHeader } from '../../test-support/ocr-data.js';
import { readImageHeader } from './image-header.js';

describe('readImageHeader', () => {
  it.each([
    // Sizes as `file` and pdfimages report them for the fixtures.
    ['screenshot-en.png', 'png', 608, 233],
    ['photo-en.jpg', 'jpeg', 648, 215],
    ['scan-en.tif', 'tiff', 1617, 826],
  ])('%s is %s, %i x %i', async (name, format, width, height) => {
    expect(readImageHeader(await ocrFixture(name))).toEqual({ format, width, height });
  });

  it('reads a WebP made by Chromium (same page as photo-en.jpg)', async () => {
    expect(readImageHeader(await ocrFixture('note-en.webp'))).toEqual({ format: 'webp', width: 648, height: 215 });
  });

  it('reads the size of a 20,000 x 20,000 PNG from its first 24 bytes', () => {
    expect(readImageHeader(pngHeader(20_000, 20_000))).toEqual({ format: 'png', width: 20_000, height: 20_000 });
  });

  it.each([
    ['nothing', Buffer.alloc(0)],
    ['text', Buffer.from('just some text, not an image at all')],
    ['a PNG cut inside its header', pngHeader(100, 100).subarray(0, 20)],
    ['a PNG of zero width', pngHeader(0, 100)],
    ['a JPEG with no frame', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9])],
  ])('%s: undefined', (_name, bytes) => {
    expect(readImageHeader(bytes)).toBeUndefined();
  });
});
