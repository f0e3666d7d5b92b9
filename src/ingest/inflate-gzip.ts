// Gzip-compressed text (Debian's changelog.Debian.gz, man pages, rotated logs) is read
// through, with a bound: inflation streams and stops at the cap, so a gzip that inflates
// forever costs at most `maxBytes` of memory and a moment of CPU. The first inflated
// bytes are sniffed: a compressed tarball or image stops there, without inflating the
// rest; text and PDF (Debian ships manuals as *.pdf.gz) are inflated whole.
import { createGunzip } from 'node:zlib';
import { sniffContent, SNIFF_BYTES, type Sniffed } from './sniff-content.js';

export type Inflated =
  | { ok: true; bytes: Buffer; sniffed: Sniffed }
  /** The inflated bytes are neither text nor PDF: stopped after the first of them. */
  | { ok: false; why: 'not-text'; sniffed: Sniffed }
  | { ok: false; why: 'too-large' }
  | { ok: false; why: 'corrupt'; detail: string };

export function inflateGzip(compressed: Uint8Array, maxBytes: number): Promise<Inflated> {
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const parts: Buffer[] = [];
    let total = 0;
    let sniffed: Sniffed | undefined;
    let settled = false;
    const settle = (result: Inflated) => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      resolve(result);
    };
    const sniffNow = () => {
      const head = Buffer.concat(parts, total).subarray(0, SNIFF_BYTES);
      sniffed = sniffContent(head);
      if (sniffed.type !== 'text' && sniffed.type !== 'pdf') settle({ ok: false, why: 'not-text', sniffed });
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxBytes) return settle({ ok: false, why: 'too-large' });
      parts.push(chunk);
      if (!sniffed && total >= SNIFF_BYTES) sniffNow();
    });
    gunzip.on('end', () => {
      if (!sniffed) sniffNow();
      settle({ ok: true, bytes: Buffer.concat(parts, total), sniffed: sniffed! });
    });
    gunzip.on('error', (error) => settle({ ok: false, why: 'corrupt', detail: error.message }));
    gunzip.end(compressed);
  });
}
