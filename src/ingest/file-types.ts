// Which files Sift reads, by extension, and how. Kept in one table so the scanner, the
// watcher and the extractor agree.
import { extname } from 'node:path';

export type FileKind = 'text' | 'markdown' | 'code' | 'html' | 'pdf' | 'docx' | 'epub' | 'odf' | 'pptx' | 'xlsx' | 'rtf' | 'image';

const KINDS: Record<string, FileKind> = {};
const add = (kind: FileKind, extensions: string) => {
  for (const ext of extensions.split(' ')) KINDS[`.${ext}`] = kind;
};
add('text', 'txt text log csv tsv rst org tex');
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

export function fileKind(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase();
  if (ext) return KINDS[ext];
  const base = path.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  return base === 'makefile' || base === 'dockerfile' ? 'code' : undefined;
}

export function isSupportedFile(path: string): boolean {
  return fileKind(path) !== undefined;
}
