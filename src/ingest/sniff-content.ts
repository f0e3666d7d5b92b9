// What a file is, from its first bytes: the signatures of common binary formats (so a
// skipped file says "ELF executable" or "PNG image", not just "binary"), gzip (read
// through), PDF, and otherwise text or unknown binary by its bytes (NULs, control-byte
// ratio, UTF-16 without a byte-order mark). Names lie (an executable called notes.txt, a
// README with no extension); bytes do not.

export type Sniffed =
  | { type: 'text' }
  | { type: 'gzip' }
  | { type: 'pdf' }
  /** A zip container: a document by its extension, otherwise an archive. */
  | { type: 'zip' }
  /** OLE compound file: legacy Office (.doc/.xls/.ppt), or an encrypted .docx/.xlsx/.pptx. */
  | { type: 'ole' }
  | { type: 'binary'; format: string; kind: BinaryKind };

export type BinaryKind = 'image' | 'audio' | 'video' | 'archive' | 'executable' | 'font' | 'database' | 'data';

/** How many leading bytes the sniff looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** Share of control bytes above which bytes are not text. */
const BINARY_CONTROL_RATIO = 0.1;

interface Signature {
  offset: number;
  bytes: readonly number[];
  format: string;
  kind: BinaryKind;
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const sig = (offset: number, bytes: readonly number[] | string, format: string, kind: BinaryKind): Signature => ({
  offset,
  bytes: typeof bytes === 'string' ? ascii(bytes) : bytes,
  format,
  kind,
});

// Ordered: longer, more specific signatures first.
const SIGNATURES: readonly Signature[] = [
  sig(0, [0x7f, 0x45, 0x4c, 0x46], 'ELF executable', 'executable'),
  sig(0, 'SQLite format 3\0', 'SQLite database', 'database'),
  sig(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG image', 'image'),
  sig(0, [0xff, 0xd8, 0xff], 'JPEG image', 'image'),
  sig(0, 'GIF87a', 'GIF image', 'image'),
  sig(0, 'GIF89a', 'GIF image', 'image'),
  sig(0, [0x49, 0x49, 0x2a, 0x00], 'TIFF image', 'image'),
  sig(0, [0x4d, 0x4d, 0x00, 0x2a], 'TIFF image', 'image'),
  sig(0, [0x00, 0x00, 0x01, 0x00], 'icon', 'image'),
  sig(0, '8BPS', 'Photoshop image', 'image'),
  sig(0, [0x42, 0x5a, 0x68], 'bzip2 archive', 'archive'),
  sig(0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz archive', 'archive'),
  sig(0, [0x28, 0xb5, 0x2f, 0xfd], 'zstd archive', 'archive'),
  sig(0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7-Zip archive', 'archive'),
  sig(0, 'Rar!\x1a\x07', 'RAR archive', 'archive'),
  sig(0, '!<arch>\n', 'ar archive (.deb, static library)', 'archive'),
  sig(257, 'ustar', 'tar archive', 'archive'),
  sig(0, [0xed, 0xab, 0xee, 0xdb], 'RPM package', 'archive'),
  sig(0, 'MSCF', 'Cabinet archive', 'archive'),
  sig(0, [0xca, 0xfe, 0xba, 0xbe], 'Java class or Mach-O executable', 'executable'),
  sig(0, [0xcf, 0xfa, 0xed, 0xfe], 'Mach-O executable', 'executable'),
  sig(0, [0xce, 0xfa, 0xed, 0xfe], 'Mach-O executable', 'executable'),
  sig(0, [0x00, 0x61, 0x73, 0x6d], 'WebAssembly module', 'executable'),
  sig(0, 'MZ', 'Windows executable', 'executable'),
  sig(0, [0xde, 0x12, 0x04, 0x95], 'gettext translations (.mo)', 'data'),
  sig(0, [0x95, 0x04, 0x12, 0xde], 'gettext translations (.mo)', 'data'),
  sig(0, 'ID3', 'MP3 audio', 'audio'),
  sig(0, 'OggS', 'Ogg audio/video', 'audio'),
  sig(0, 'fLaC', 'FLAC audio', 'audio'),
  sig(4, 'ftyp', 'MP4/QuickTime video', 'video'),
  sig(0, [0x1a, 0x45, 0xdf, 0xa3], 'Matroska/WebM video', 'video'),
  sig(0, 'wOFF', 'WOFF font', 'font'),
  sig(0, 'wOF2', 'WOFF2 font', 'font'),
  sig(0, 'OTTO', 'OpenType font', 'font'),
  sig(0, [0x00, 0x01, 0x00, 0x00, 0x00], 'TrueType font', 'font'),
];

function matches(head: Uint8Array, signature: Signature): boolean {
  if (head.length < signature.offset + signature.bytes.length) return false;
  return signature.bytes.every((byte, i) => head[signature.offset + i] === byte);
}

function startsWith(head: Uint8Array, bytes: readonly number[] | string): boolean {
  const want = typeof bytes === 'string' ? ascii(bytes) : bytes;
  return head.length >= want.length && want.every((byte, i) => head[i] === byte);
}

/** RIFF containers name their content at offset 8. */
function riff(head: Uint8Array): Sniffed | undefined {
  if (!startsWith(head, 'RIFF') || head.length < 12) return undefined;
  const form = String.fromCharCode(...head.subarray(8, 12));
  if (form === 'WEBP') return { type: 'binary', format: 'WebP image', kind: 'image' };
  if (form === 'WAVE') return { type: 'binary', format: 'WAV audio', kind: 'audio' };
  if (form === 'AVI ') return { type: 'binary', format: 'AVI video', kind: 'video' };
  return { type: 'binary', format: 'RIFF data', kind: 'data' };
}

/** Classifies a file by its leading bytes (at most SNIFF_BYTES are looked at). */
export function sniffContent(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x1f, 0x8b])) return { type: 'gzip' };
  if (startsWith(head, '%PDF-')) return { type: 'pdf' };
  if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) return { type: 'zip' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { type: 'ole' };
  const container = riff(head);
  if (container) return container;
  // Byte-order marks first: UTF-16 text is full of NULs.
  if (startsWith(head, [0xef, 0xbb, 0xbf]) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return { type: 'text' };
  for (const signature of SIGNATURES) {
    if (matches(head, signature)) {
      // "MZ" and "BZh" also begin ordinary words; a real header has NULs soon after.
      if ((signature.format === 'Windows executable' || signature.format === 'bzip2 archive') && !hasNul(head)) continue;
      return { type: 'binary', format: signature.format, kind: signature.kind };
    }
  }
  if (utf16WithoutBom(head)) return { type: 'text' };
  return looksBinary(head) ? { type: 'binary', format: 'data', kind: 'data' } : { type: 'text' };
}

function hasNul(head: Uint8Array): boolean {
  return head.subarray(0, 4096).includes(0);
}

/** True when the bytes are not text: a NUL, or more than a tenth control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > BINARY_CONTROL_RATIO;
}

/** UTF-16 written without a byte-order mark (some Windows tools, exports of old apps):
 *  text in Latin script puts a NUL in every other byte, at odd offsets for little-endian
 *  and even ones for big-endian; binary data has NULs on both sides. Chinese text in
 *  UTF-16 has fewer NULs (spaces, digits and line ends still give some), so the test is a
 *  lopsided share of NULs, then the decoded text must hold almost no control characters. */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const half = sample.length / 2;
  let encoding: 'utf-16le' | 'utf-16be' | undefined;
  if (oddNul / half >= 0.05 && evenNul / half <= 0.005) encoding = 'utf-16le';
  else if (evenNul / half >= 0.05 && oddNul / half <= 0.005) encoding = 'utf-16be';
  if (!encoding) return undefined;
  const text = new TextDecoder(encoding).decode(sample);
  let bad = 0;
  let chars = 0;
  for (const char of text) {
    chars++;
    const code = char.codePointAt(0)!;
    // Controls other than tab/line ends, unpaired surrogates (U+FFFD after decoding),
    // private-use and non-characters: what binary read as UTF-16 is full of.
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || code >= 0xfff0) bad++;
  }
  return chars > 0 && bad / chars < 0.01 ? encoding : undefined;
}
