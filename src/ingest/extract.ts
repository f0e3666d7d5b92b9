// File -> text. This first version reads plain-text formats; richer formats (PDF, DOCX,
// HTML) plug in here by extension.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeText } from './decode-text.js';

export const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text']);

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export type Extracted = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function isSupportedFile(path: string): boolean {
  return TEXT_EXTENSIONS.has(extname(path).toLowerCase());
}

export async function extractText(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Extracted> {
  if (!isSupportedFile(path)) return { ok: false, reason: `unsupported file type (${extname(path) || 'no extension'})` };
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      return { ok: false, reason: `too large (${(info.size / 1048576).toFixed(1)} MB; limit ${(maxBytes / 1048576).toFixed(0)} MB)` };
    }
    const decoded = decodeText(await readFile(path));
    if (!decoded.ok) return decoded;
    if (decoded.text.trim().length === 0) return { ok: false, reason: 'no text (empty file)' };
    return decoded;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'unreadable (permission denied)' : `unreadable (${code ?? (error as Error).message})` };
  }
}
