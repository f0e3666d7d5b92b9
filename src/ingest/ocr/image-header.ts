// An image's format and pixel size from its first bytes, without decoding it: OCR refuses
// images too large to decode safely (a 20,000 x 20,000 PNG is 1.6 GB of pixels) before any
// decoder allocates them. PNG, JPEG, WebP (lossy, lossless, extended), TIFF, BMP and GIF.

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'bmp' | 'gif';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

/** The image's format and size, or undefined when the bytes are no image this reads (or
 *  are cut before the size). */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  // PNG: signature, then the IHDR chunk with big-endian width and height.
  if (has(24) && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG' && ascii(bytes, 12, 4) === 'IHDR') {
    return sized('png', view.getUint32(16), view.getUint32(20));
  }
  if (has(4) && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  if (has(30) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpSize(bytes, view);
  if (has(8) && (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*')) return tiffSize(view);
  if (has(26) && ascii(bytes, 0, 2) === 'BM') return sized('bmp', view.getInt32(18, true), Math.abs(view.getInt32(22, true)));
  if (has(10) && ascii(bytes, 0, 4) === 'GIF8') return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
  return undefined;
}

function sized(format: ImageFormat, width: number, height: number): ImageHeader | undefined {
  return width > 0 && height > 0 ? { format, width, height } : undefined;
}

/** JPEG: walk the segments to the first start-of-frame marker (SOF0..SOF15 but DHT, JPG, DAC). */
function jpegSize(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized('jpeg', view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    if (length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
    const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
    return sized('webp', width, height);
  }
  return undefined;
}

/** TIFF: the first image file directory's ImageWidth (256) and ImageLength (257) tags. */
function tiffSize(view: DataView): ImageHeader | undefined {
  const little = view.getUint8(0) === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return undefined;
  const count = view.getUint16(ifd, little);
  let width = 0;
  let height = 0;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > view.byteLength) break;
    const tag = view.getUint16(entry, little);
    if (tag !== 256 && tag !== 257) continue;
    const type = view.getUint16(entry + 2, little);
    const value = type === 3 ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little);
    if (tag === 256) width = value;
    else height = value;
  }
  return sized('tiff', width, height);
}
