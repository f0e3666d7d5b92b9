// The one way Sift opens a zip-based document (docx, xlsx, pptx, odt/ods/odp, epub):
// a reader with caps on the number of entries and on the inflated bytes, per entry and in
// total, so a zip bomb ends as a reason instead of gigabytes of RSS (a 1.9 MB .docx bomb
// took 4.08 GB before this reader existed).
//
// Built on yauzl (the zip reader of extract-zip, electron and most of npm's tooling)
// rather than jszip: yauzl inflates with Node's native zlib, streams each entry so the
// inflation can be stopped at the cap, and by default checks every entry's inflated
// bytes against the size its central directory declares (validateEntrySizes), so the
// declared sizes we check up front cannot lie. Our own byte counter stops the stream at
// the cap as well, belt and braces.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { notExtracted, type Extracted } from './extract-result.js';
import { XmlError } from './xml-walk.js';

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries read from one archive. */
  maxTotalBytes: number;
}

// The saxes extractors parse a part as it inflates and hold only its text, so the caps
// bound work, not memory: 64 MB of XML per part (a sheet of about a million cells; a
// 1.2 MB .ods of 250,000 cells holds 34 MB and takes 1.8 s here), 160 MB in all.
// Word files get lower caps (DOCX_LIMITS): mammoth builds a DOM.
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntryBytes: 64 * 1048576, maxTotalBytes: 160 * 1048576 };

export type ArchiveProblem = 'too-large' | 'encrypted' | 'corrupt';

/** Why an archive cannot be read; `message` is the reason a person sees (for 'corrupt', the detail). */
export class ArchiveError extends Error {
  constructor(
    readonly problem: ArchiveProblem,
    message: string,
    /** For 'too-large': the limit passed, in MB, as the person reads it. */
    readonly limitMB?: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0);

function tooLarge(bytes: number, limit: number, more = false): ArchiveError {
  return new ArchiveError('too-large', `too large when unpacked (${more ? 'over ' : ''}${mb(bytes)} MB; limit ${mb(limit)} MB)`, mb(limit));
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// An encrypted OOXML file (docx/xlsx/pptx saved with a password) is not a zip at all but
// an OLE compound file holding the streams "EncryptionInfo" and "EncryptedPackage".
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_MAGIC.every((byte, i) => bytes[i] === byte);
}

export class ZipArchive {
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Opens the central directory (nothing is inflated yet). Throws ArchiveError. */
  static async open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
    if (isCompoundFile(bytes)) {
      if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
        throw new ArchiveError('encrypted', 'encrypted (password-protected)');
      }
      throw new ArchiveError('corrupt', 'an OLE compound file, not a zip package: an older binary Office format?');
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, opened) =>
        error ? reject(new ArchiveError('corrupt', /^End of central directory/.test(error.message) ? 'truncated, or not a zip file' : error.message)) : resolve(opened),
      ),
    );
    if (zip.entryCount > limits.maxEntries) {
      throw new ArchiveError('too-large', `too large when unpacked (${zip.entryCount} entries; limit ${limits.maxEntries})`);
    }
    const entries = await new Promise<Map<string, Entry>>((resolve, reject) => {
      const found = new Map<string, Entry>();
      zip.on('entry', (entry: Entry) => {
        // The first of two entries with one name wins, as in most readers.
        if (!found.has(entry.fileName)) found.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', (error: Error) => reject(new ArchiveError('corrupt', error.message)));
      zip.readEntry();
    });
    return new ZipArchive(zip, entries, limits);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's inflated bytes, or undefined when the archive has no such entry. */
  async read(name: string): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    const found = await this.stream(name, (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    return found ? Buffer.concat(chunks, size) : undefined;
  }

  /**
   * Hands an entry's inflated bytes to `onChunk` as they come (so a large XML part is
   * parsed without ever being held whole); false when the archive has no such entry.
   * An error thrown by `onChunk` stops the inflation and rejects with that error.
   */
  async stream(name: string, onChunk: (chunk: Buffer) => void): Promise<boolean> {
    const entry = this.entries.get(name);
    if (!entry) return false;
    if (entry.isEncrypted()) throw new ArchiveError('encrypted', 'encrypted (password-protected)');
    if (!entry.canDecodeFileData()) throw new ArchiveError('corrupt', `${name}: unsupported compression method ${entry.compressionMethod}`);
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    // The declared size first: a bomb is refused before a byte is inflated.
    if (entry.uncompressedSize > maxEntryBytes) throw tooLarge(entry.uncompressedSize, maxEntryBytes);
    if (this.inflated + entry.uncompressedSize > maxTotalBytes) throw tooLarge(this.inflated + entry.uncompressedSize, maxTotalBytes);
    const stream = await new Promise<NodeJS.ReadableStream & { destroy(): void }>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, opened) => (error ? reject(new ArchiveError('corrupt', `${name}: ${error.message}`)) : resolve(opened))),
    );
    return new Promise<boolean>((resolve, reject) => {
      let size = 0;
      const stop = (error: unknown) => {
        stream.destroy();
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        this.inflated += chunk.length;
        // Stops the inflation itself, whatever the directory said.
        if (size > maxEntryBytes) return stop(tooLarge(maxEntryBytes, maxEntryBytes, true));
        if (this.inflated > maxTotalBytes) return stop(tooLarge(maxTotalBytes, maxTotalBytes, true));
        try {
          onChunk(chunk);
        } catch (error) {
          stop(error);
        }
      });
      stream.on('error', (error: Error) => reject(new ArchiveError('corrupt', `${name}: ${error.message}`)));
      stream.on('end', () => resolve(true));
    });
  }

  /** An entry as UTF-8 text (XML parts of every format here are UTF-8). */
  async readText(name: string): Promise<string | undefined> {
    const bytes = await this.read(name);
    return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
  }

  close(): void {
    this.zip.close();
  }
}

/** Resolves a relative reference inside a package ('../media/a.png' seen in 'ppt/slides/'). */
export function resolvePart(base: string, href: string): string {
  const target = safeDecode(href.split('#')[0]!);
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A href with a stray '%' is taken literally.
    return text;
  }
}

/**
 * Opens a zip-based document and hands it to `read` for its text; every failure comes
 * back as a reason: "too large when unpacked (...)", "encrypted (...)" or
 * "corrupt <label> (...)" (a damaged zip, a missing part, malformed XML).
 */
export async function extractZipDocument(
  bytes: Uint8Array,
  format: { label: string; encoding: string },
  read: (zip: ZipArchive) => Promise<string>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Extracted> {
  let zip: ZipArchive | undefined;
  try {
    zip = await ZipArchive.open(bytes, limits);
    return { ok: true, text: await read(zip), encoding: format.encoding };
  } catch (error) {
    if (error instanceof ArchiveError && error.problem === 'encrypted') return notExtracted({ code: 'encrypted', params: { format: format.label } }, error.message);
    if (error instanceof ArchiveError && error.problem === 'too-large') {
      return notExtracted({ code: 'too-large-inflated', params: { limitMB: error.limitMB ?? mb(limits.maxTotalBytes) } }, error.message);
    }
    if (error instanceof ArchiveError || error instanceof XmlError) {
      return notExtracted({ code: 'parse-error', params: { format: format.label, detail: error.message } }, `corrupt ${format.label} (${error.message})`);
    }
    throw error;
  } finally {
    zip?.close();
  }
}
