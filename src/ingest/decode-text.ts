// Bytes -> text for plain-text files. UTF-8 (with or without BOM) and UTF-16 with a BOM
// are recognised exactly; anything that is not valid UTF-8 is read as GB18030, the
// superset of GBK/GB2312 that Chinese Windows editors save by default. Binary content is
// refused rather than indexed as garbage.

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** Share of control bytes above which a file is treated as binary. */
const BINARY_CONTROL_RATIO = 0.1;

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file (not text)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GB18030 decodes every byte sequence GBK and GB2312 produce.
    return { ok: true, text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > BINARY_CONTROL_RATIO;
}
