// Word .docx -> text with mammoth (raw text: paragraphs separated by blank lines).
// mammoth would unzip the package itself with jszip and inflate whatever the archive
// holds; it is handed the capped reader instead (mammoth's `{file}` input: any object
// with exists(name) and read(name, encoding), the interface its own zip wrapper has), so
// a zip bomb or a 139 MB document.xml ends as a reason, not a worker out of heap.
import mammoth from 'mammoth';
import type { Extracted } from './extract-result.js';
import { ArchiveError, DEFAULT_ZIP_LIMITS, extractZipDocument, type ZipArchive, type ZipLimits } from './zip-archive.js';

// mammoth holds word/document.xml as a DOM: measured here, about 90 MB of RSS and 1.7 s per
// MB of XML (8 MB: 740 MB, 14 s; 24 MB: 2.1 GB, 44 s). 8 MB of XML is a book of several
// hundred pages; past it the file is reported, not allowed to take the worker's memory.
export const DOCX_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 8 * 1048576, maxTotalBytes: 32 * 1048576 };

/** The part of mammoth's zip-file interface that its reader calls. */
function mammothFile(zip: ZipArchive) {
  return {
    exists: (name: string) => zip.has(name),
    read: async (name: string, encoding?: string) => {
      const bytes = await zip.read(name);
      if (!bytes) throw new ArchiveError('corrupt', `missing part ${name}`);
      if (encoding === 'base64') return bytes.toString('base64');
      return encoding ? new TextDecoder(encoding).decode(bytes) : bytes;
    },
    write: () => {
      throw new Error('read-only package');
    },
    toArrayBuffer: () => {
      throw new Error('read-only package');
    },
  };
}

export function extractDocx(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<Extracted> {
  return extractZipDocument(
    bytes,
    { label: 'Word document', encoding: 'docx' },
    async (zip) => {
      // Cast: mammoth's typings list only path/buffer/arrayBuffer inputs.
      const input = { file: mammothFile(zip) } as unknown as { buffer: Buffer };
      try {
        return (await mammoth.extractRawText(input)).value;
      } catch (error) {
        if (error instanceof ArchiveError) throw error;
        // mammoth's own complaints (no word/document.xml, bad XML) are about a damaged file.
        throw new ArchiveError('corrupt', (error as Error).message.split('\n')[0]!);
      }
    },
    limits,
  );
}
