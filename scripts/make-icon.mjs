#!/usr/bin/env node
// Draws Sift's app icon (a magnifying glass over lines of text on a rounded square) and
// writes resources/icon.png at 1024x1024. electron-builder derives the .ico (NSIS), .icns
// (dmg) and Linux sizes from it. No image libraries: a PNG is zlib-compressed RGBA rows.
// `node scripts/make-icon.mjs` regenerates the committed file.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SS = 3; // supersampling per axis, for smooth edges

const BACKGROUND_TOP = [37, 99, 235];
const BACKGROUND_BOTTOM = [79, 70, 229];
const PAPER = [248, 250, 252];
const LINE = [148, 163, 184];
const LENS = [255, 255, 255];

function roundedSquare(x, y) {
  const margin = 64;
  const radius = 200;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius;
}

/** Colour at a point, or null for transparent. */
function shade(x, y) {
  if (!roundedSquare(x, y)) return null;
  const t = y / SIZE;
  let colour = BACKGROUND_TOP.map((c, i) => c + (BACKGROUND_BOTTOM[i] - c) * t);
  // A page with lines of text.
  if (x > 230 && x < 700 && y > 190 && y < 830) {
    colour = PAPER;
    for (let line = 0; line < 6; line++) {
      const top = 270 + line * 90;
      const right = line % 3 === 2 ? 520 : 620;
      if (y > top && y < top + 34 && x > 300 && x < right) colour = LINE;
    }
  }
  // The magnifying glass: a ring and a handle.
  const cx = 610;
  const cy = 560;
  const d = Math.hypot(x - cx, y - cy);
  if (d < 150) colour = colour.map((c) => c * 0.82 + 255 * 0.18);
  if (d >= 150 && d <= 200) colour = LENS;
  const along = (x - cx + (y - cy)) / Math.SQRT2;
  const across = (x - cx - (y - cy)) / Math.SQRT2;
  if (along > 190 && along < 390 && Math.abs(across) < 46) colour = LENS;
  return colour;
}

const rows = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  rows[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = row + 1 + x * 4;
    rows[o] = a ? Math.round(r / a) : 0;
    rows[o + 1] = a ? Math.round(g / a) : 0;
    rows[o + 2] = a ? Math.round(b / a) : 0;
    rows[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('../resources/icon.png', import.meta.url);
writeFileSync(target, png);
console.error(`wrote ${target.pathname} (${png.length} bytes)`);
