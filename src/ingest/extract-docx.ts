// Word .docx -> text with mammoth (raw text: paragraphs separated by blank lines).
import mammoth from 'mammoth';
import type { Extracted } from './extract-result.js';

export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { ok: true, text: value, encoding: 'docx' };
  } catch (error) {
    return { ok: false, reason: `corrupt Word document (${(error as Error).message.split('\n')[0]})` };
  }
}
