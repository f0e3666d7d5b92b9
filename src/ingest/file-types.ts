// How Sift reads a file, by extension: the fast path. A file whose name says nothing
// (README, COPYING, notes.xyz) is still read when its bytes are text: the content sniff
// (sniff-content.ts) decides, and a binary file named .txt is still skipped.
import { extname } from 'node:path';

export type FileKind = 'text' | 'markdown' | 'code' | 'html' | 'pdf' | 'docx' | 'epub' | 'odf' | 'pptx' | 'xlsx' | 'rtf' | 'image';

const KINDS: Record<string, FileKind> = {};
const add = (kind: FileKind, extensions: string) => {
  for (const ext of extensions.split(' ')) KINDS[`.${ext}`] = kind;
};
add('text', 'txt text log csv tsv rst org tex adoc asciidoc srt vtt properties env diff patch nfo bib textile wiki');
add('markdown', 'md markdown mdx');
add(
  'code',
  'ts tsx js jsx mjs cjs py pyi go rs java kt kts scala c h cc cpp cxx hpp hh cs fs swift m mm rb php pl lua r jl dart ' +
    'sh bash zsh fish ps1 bat sql yaml yml toml ini cfg conf json jsonc xml css scss less vue svelte astro ex exs erl hs ml ' +
    'clj elm nim zig proto graphql gradle cmake makefile dockerfile',
);
add('html', 'html htm xhtml');
add('pdf', 'pdf');
add('docx', 'docx');
add('epub', 'epub');
add('odf', 'odt ods odp ott ots otp');
add('pptx', 'pptx pptm ppsx');
add('xlsx', 'xlsx xlsm');
add('rtf', 'rtf');
// Read by OCR (src/ingest/ocr), in the second phase of a pass.
add('image', 'png jpg jpeg webp tif tiff');

/** Parsed off the main thread, in a worker with a time limit. */
export const HEAVY_KINDS: ReadonlySet<FileKind> = new Set(['pdf', 'docx', 'html', 'epub', 'odf', 'pptx', 'xlsx', 'rtf']);

/** Zip-based documents: Office encrypts one by wrapping it in an OLE container, so an OLE
 *  file under such a name is an encrypted document, not a corrupt one. */
export const ZIP_DOCUMENT_KINDS: ReadonlySet<FileKind> = new Set(['docx', 'pptx', 'xlsx']);

export function fileKind(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase();
  if (ext) return KINDS[ext];
  const base = path.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return base === 'makefile' || base === 'dockerfile' ? 'code' : undefined;
}

/** Whether files with this extension ('md', '.PDF') are read; for filters typed by people. */
export function isReadableExtension(extension: string): boolean {
  const ext = extension.trim().toLowerCase().replace(/^\*?\./, '');
  return ext !== '' && KINDS[`.${ext}`] !== undefined;
}

/** Known by its name (the fast path); other files are read when their bytes are text. */
export function isSupportedFile(path: string): boolean {
  return fileKind(path) !== undefined;
}
